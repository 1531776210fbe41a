using System.Globalization;
using System.Text;
using ProvincePlatform.Contracts.Bookings;

namespace ProvincePlatform.Grains.Citizens;

/// <summary>
/// What makes a citizen's details acceptable. Messages name the rule, never the value: the value is personal
/// data and must not travel back into logs or error reports.
/// </summary>
public static class CitizenRules
{
    public const int MaxNameLength = 100;

    /// <summary>Checks a 12-digit CCCD number: province, sex and century digit, and a birth year not in the future.</summary>
    public static string? CheckIdNumber(string? idNumber, DateOnly today)
    {
        if (string.IsNullOrEmpty(idNumber))
        {
            return "Bắt buộc / Required.";
        }

        if (idNumber.Length != 12 || !idNumber.All(char.IsAsciiDigit))
        {
            return "Số CCCD phải gồm 12 chữ số / The ID number must be 12 digits.";
        }

        if (!ProvinceCodes.All.Contains(idNumber[1..3]) || idNumber[0] != '0')
        {
            return "Mã tỉnh trong số CCCD không tồn tại / The ID number's province code does not exist.";
        }

        var centuryDigit = idNumber[3] - '0';
        var birthYear = 1900 + (centuryDigit / 2 * 100) + int.Parse(idNumber.AsSpan(4, 2), CultureInfo.InvariantCulture);
        return birthYear > today.Year
            ? "Năm sinh trong số CCCD ở tương lai / The ID number's birth year is in the future."
            : null;
    }

    /// <summary>Checks a Vietnamese mobile number: 0 or +84, then nine digits starting 3, 5, 7, 8 or 9.</summary>
    public static string? CheckPhone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return "Bắt buộc / Required.";
        }

        var national = phone.StartsWith("+84", StringComparison.Ordinal) ? phone[3..]
            : phone.StartsWith('0') ? phone[1..]
            : null;
        return national is { Length: 9 } && national.All(char.IsAsciiDigit) && national[0] is '3' or '5' or '7' or '8' or '9'
            ? null
            : "Số di động Việt Nam không hợp lệ / Not a Vietnamese mobile number.";
    }

    /// <summary>Checks a full name already in NFC: 1–100 characters, no control characters.</summary>
    public static string? CheckFullName(string? fullName)
    {
        if (string.IsNullOrWhiteSpace(fullName))
        {
            return "Bắt buộc / Required.";
        }

        if (fullName.Length > MaxNameLength)
        {
            return $"Tối đa {MaxNameLength} ký tự / At most {MaxNameLength} characters.";
        }

        return fullName.Any(char.IsControl)
            ? "Không được chứa ký tự điều khiển / Control characters are not allowed."
            : null;
    }

    /// <summary>The citizen as stored: name trimmed and in NFC, phone in its international form.</summary>
    public static Citizen Normalize(Citizen citizen) => citizen with
    {
        FullName = citizen.FullName.Trim().Normalize(NormalizationForm.FormC),
        Phone = citizen.Phone.StartsWith('0') ? "+84" + citizen.Phone[1..] : citizen.Phone,
    };

    /// <summary>An ID number with all but its last three digits hidden, for responses and screens.</summary>
    public static string MaskIdNumber(string idNumber) =>
        idNumber.Length <= 3 ? new string('*', idNumber.Length) : new string('*', idNumber.Length - 3) + idNumber[^3..];
}
