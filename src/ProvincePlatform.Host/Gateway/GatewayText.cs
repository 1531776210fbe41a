using System.Text;

namespace ProvincePlatform.Host.Gateway;

/// <summary>
/// The floor under every text a client sends: at most <see cref="MaxLength"/> UTF-16 code units, well-formed
/// Unicode (no lone surrogates, no noncharacters), no control characters (C0, DEL and C1, tab and line breaks
/// included) and no bidirectional controls that would make the text read differently from what it holds. What passes
/// is kept in Unicode NFC. Each field has tighter rules of its own on top of these.
/// </summary>
public static class GatewayText
{
    /// <summary>The longest text any member of a body may hold; the longest a field allows is 1,000.</summary>
    public const int MaxLength = 4_000;

    public const string Rule =
        "Tối đa 4000 ký tự Unicode hợp lệ, không ký tự điều khiển / At most 4000 characters of valid Unicode, no control characters.";

    /// <summary>The text in NFC, or false when it breaks a rule of <see cref="GatewayText"/>.</summary>
    public static bool TryNormalize(string text, out string normalized)
    {
        normalized = string.Empty;
        if (text.Length > MaxLength || !IsClean(text))
        {
            return false;
        }

        try
        {
            normalized = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
            return true;
        }
        catch (ArgumentException)
        {
            // The normaliser refuses some malformed text of its own accord; what it refuses is refused here too.
            return false;
        }
    }

    /// <summary>Whether the text is well-formed Unicode without control, bidirectional-control or noncharacter code points.</summary>
    public static bool IsClean(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            int codePoint = text[i];
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                codePoint = char.ConvertToUtf32(text[i], text[i + 1]);
                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }

            if (IsRefused(codePoint))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsRefused(int codePoint) =>
        codePoint is <= 0x1F or (>= 0x7F and <= 0x9F)
        // Bidirectional controls: the marks, embeddings, overrides and isolates (Trojan Source).
        or 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069)
        // Noncharacters: U+FDD0–U+FDEF and the last two code points of every plane.
        or (>= 0xFDD0 and <= 0xFDEF)
        || (codePoint & 0xFFFE) == 0xFFFE;
}
