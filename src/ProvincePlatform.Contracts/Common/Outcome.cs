using System.Diagnostics.CodeAnalysis;

namespace ProvincePlatform.Contracts.Common;

/// <summary>The answer to a grain command: either a value or the <see cref="Refusal"/> that explains why not.</summary>
[GenerateSerializer, Immutable, Alias("pp.Outcome`1")]
public sealed record Outcome<T>
{
    [Id(0)]
    public T? Value { get; init; }

    [Id(1)]
    public Refusal? Refusal { get; init; }

    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Succeeded => Refusal is null;

#pragma warning disable CA2225 // The named alternatives would only add noise at every grain return.
    public static implicit operator Outcome<T>(T value) => new() { Value = value };

    public static implicit operator Outcome<T>(Refusal refusal) => new() { Refusal = refusal };
#pragma warning restore CA2225
}
