using System.Buffers;
using System.Security.Cryptography;
using ProvincePlatform.Grains.HelpPoints;

namespace ProvincePlatform.Grains.Bookings;

/// <summary>
/// Booking ids are <c>{helpPointId}-{random}</c>: the prefix routes a booking to the grain that holds it, and the
/// random part keeps ids from being guessed or enumerated, since a booking carries a citizen's personal data.
/// </summary>
public static class BookingIds
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private const int RandomLength = 10;
    private static readonly SearchValues<char> s_alphabet = SearchValues.Create(Alphabet);

    public static string New(string helpPointId) =>
        $"{helpPointId}-{RandomNumberGenerator.GetString(Alphabet, RandomLength)}";

    public static bool TryGetHelpPointId(string? bookingId, out string helpPointId)
    {
        helpPointId = string.Empty;
        var separator = bookingId?.LastIndexOf('-') ?? -1;
        if (bookingId is null || separator < 0 || bookingId.Length - separator - 1 != RandomLength
            || bookingId.AsSpan(separator + 1).ContainsAnyExcept(s_alphabet))
        {
            return false;
        }

        helpPointId = bookingId[..separator];
        return HelpPointIds.IsWellFormed(helpPointId);
    }
}
