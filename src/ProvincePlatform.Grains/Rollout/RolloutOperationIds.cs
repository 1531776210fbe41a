using System.Buffers;
using System.Security.Cryptography;

namespace ProvincePlatform.Grains.Rollout;

/// <summary>Rollout operation ids: <c>ro-{yyyyMMdd}-{8 hex digits}</c>, readable on a phone call and unguessable enough.</summary>
public static class RolloutOperationIds
{
    private static readonly SearchValues<char> s_lowerHex = SearchValues.Create("0123456789abcdef");

    public static string New(DateOnly today) => $"ro-{today:yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    public static bool IsWellFormed(string? operationId) =>
        operationId is { Length: 20 } && operationId.StartsWith("ro-", StringComparison.Ordinal) && operationId[11] == '-'
        && !operationId.AsSpan(3, 8).ContainsAnyExceptInRange('0', '9')
        && !operationId.AsSpan(12).ContainsAnyExcept(s_lowerHex);
}
