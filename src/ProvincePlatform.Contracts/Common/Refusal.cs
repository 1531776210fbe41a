using System.Collections.Immutable;

namespace ProvincePlatform.Contracts.Common;

/// <summary>
/// Why a grain declined a command. Grains answer refusals as values instead of throwing, so that the gateway
/// can turn each one into the problem document the HTTP contract names, and so that nothing refused is ever a 500.
/// </summary>
/// <param name="Code">What was refused.</param>
/// <param name="Field">The request field at fault, when the refusal is about one field's value.</param>
/// <param name="Detail">English detail for the caller; never personal data.</param>
/// <param name="Errors">Messages by field, when the refusal is about several fields' values.</param>
[GenerateSerializer, Immutable, Alias("pp.Refusal")]
public sealed record Refusal(
    [property: Id(0)] RefusalCode Code,
    [property: Id(1)] string? Field = null,
    [property: Id(2)] string? Detail = null,
    [property: Id(3)] ImmutableDictionary<string, string>? Errors = null);
