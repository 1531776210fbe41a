using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace ProvincePlatform.Host.Access;

/// <summary>
/// API keys and their SHA-256 fingerprints. Configuration holds only fingerprints, so a leaked configuration file
/// or environment dump opens nothing; the keys themselves are 256 random bits, which no one reverses from a hash.
/// </summary>
public static class ApiKeys
{
    public const string HeaderName = "X-Api-Key";

    /// <summary>The longest key the gateway even hashes; anything longer is not one of ours.</summary>
    public const int MaxLength = 200;

    private const string Prefix = "pp_";
    private static readonly SearchValues<char> s_lowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>A new random key: <c>pp_</c> and 43 URL-safe characters.</summary>
    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The fingerprint that configuration holds: lower-case hex SHA-256 of the key's UTF-8 bytes.</summary>
    public static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool IsFingerprint(string? text) =>
        text is { Length: 64 } && !text.AsSpan().ContainsAnyExcept(s_lowerHex);
}
