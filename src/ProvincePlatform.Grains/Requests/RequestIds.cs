using System.Buffers;
using System.Security.Cryptography;

namespace ProvincePlatform.Grains.Requests;

/// <summary>
/// Request ids are <c>{communeCode}-r{random}</c>: the commune they belong to can be read off the id, and the random
/// part keeps ids from being guessed, since a request carries personal data.
/// </summary>
public static class RequestIds
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private const int RandomLength = 12;
    private static readonly SearchValues<char> s_alphabet = SearchValues.Create(Alphabet);

    public static string New(string communeCode) => $"{communeCode}-r{RandomNumberGenerator.GetString(Alphabet, RandomLength)}";

    public static bool TryGetCommuneCode(string? requestId, out string communeCode)
    {
        communeCode = string.Empty;
        if (requestId is not { Length: 5 + 2 + RandomLength } || requestId[5] != '-' || requestId[6] != 'r'
            || requestId.AsSpan(0, 5).ContainsAnyExceptInRange('0', '9')
            || requestId.AsSpan(7).ContainsAnyExcept(s_alphabet))
        {
            return false;
        }

        communeCode = requestId[..5];
        return true;
    }
}
