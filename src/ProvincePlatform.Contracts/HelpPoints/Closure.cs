namespace ProvincePlatform.Contracts.HelpPoints;

/// <summary>A local date on which a help point does not open, for example a public holiday or a power cut.</summary>
[GenerateSerializer, Immutable, Alias("pp.Closure")]
public sealed record Closure(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] string Reason);
