using System.Globalization;
using System.Text;

namespace ProvincePlatform.Grains.Common;

/// <summary>Text folding for search: Vietnamese names typed with or without their diacritics.</summary>
public static class VietnameseText
{
    /// <summary>Lower case, diacritics removed (đ becomes d), runs of white space made single.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    folded.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            folded.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
            lastWasSpace = false;
        }

        return folded.ToString().TrimEnd();
    }

    /// <summary>Lower case in NFC with single spaces, diacritics kept.</summary>
    public static string Lower(string text) =>
        string.Join(' ', text.Normalize(NormalizationForm.FormC).ToLowerInvariant()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Whether the text carries any Vietnamese diacritic (including đ).</summary>
    public static bool HasDiacritics(string text) => Fold(text) != Lower(text);
}
