namespace ProvincePlatform.Grains.Communes;

/// <summary>The stored state of one commune. Members are only ever added, with new ids.</summary>
[GenerateSerializer, Alias("pp.CommuneState")]
public sealed class CommuneState
{
    /// <summary>The commune's help point ids in the order they were opened; an id, once given, is never reused.</summary>
    [Id(0)]
    public List<string> HelpPointIds { get; set; } = [];
}
