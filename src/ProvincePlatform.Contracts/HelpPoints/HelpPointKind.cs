namespace ProvincePlatform.Contracts.HelpPoints;

[GenerateSerializer, Alias("pp.HelpPointKind")]
public enum HelpPointKind
{
    CommuneOffice,
    VillageHouse,
    Other,
}
