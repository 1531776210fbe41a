using ProvincePlatform.Contracts.Communes;
using ProvincePlatform.Contracts.Rollout;
using ProvincePlatform.Grains.Communes;

namespace ProvincePlatform.Host.Communes;

public sealed record CommuneResponse(
    string Code,
    string Name,
    string Type,
    string DistrictCode,
    string DistrictName,
    string ProvinceCode,
    string ProvinceName,
    int HelpPointCount,
    RolloutStage RolloutStage)
{
    public static CommuneResponse From(Commune commune, CommuneActivity activity) => new(
        commune.Code, commune.Name, commune.Type, commune.DistrictCode, commune.DistrictName,
        commune.ProvinceCode, commune.ProvinceName, activity.HelpPointCount, activity.RolloutStage);
}
