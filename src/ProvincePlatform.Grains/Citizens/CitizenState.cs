namespace ProvincePlatform.Grains.Citizens;

/// <summary>The stored state of one citizen's index. Members are only ever added, with new ids.</summary>
[GenerateSerializer, Alias("pp.CitizenState")]
public sealed class CitizenState
{
    [Id(0)]
    public List<string> BookingIds { get; set; } = [];

    [Id(1)]
    public List<string> RequestIds { get; set; } = [];
}
