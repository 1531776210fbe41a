using System.Security.Cryptography;
using System.Text;

namespace ProvincePlatform.Grains.Citizens;

/// <summary>
/// Turns an ID number into the key of its citizen grain: HMAC-SHA256 with a secret from configuration. A plain hash
/// of a 12-digit number with known structure is reversed by trying them all; without the secret it is not.
/// </summary>
public sealed class CitizenKeys(byte[] secret)
{
    public const int MinimumSecretBytes = 32;

    public static CitizenKeys FromSecret(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        return bytes.Length >= MinimumSecretBytes
            ? new CitizenKeys(bytes)
            : throw new InvalidOperationException(
                $"The citizen lookup secret must be at least {MinimumSecretBytes} bytes long.");
    }

    /// <summary>A fresh random secret, for a process whose state does not outlive it (the embedded default).</summary>
    public static CitizenKeys Ephemeral() => new(RandomNumberGenerator.GetBytes(MinimumSecretBytes));

    public string KeyOf(string idNumber) => Convert.ToHexStringLower(Hash(idNumber));

    /// <summary>
    /// A short form of the same keyed hash, for counting distinct citizens in the stats: 64 bits make a collision
    /// among a province's citizens vanishingly unlikely, at an eighth of the size of the full key.
    /// </summary>
    public long FingerprintOf(string idNumber) => BitConverter.ToInt64(Hash(idNumber), 0);

    private byte[] Hash(string idNumber) => HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(idNumber));
}
