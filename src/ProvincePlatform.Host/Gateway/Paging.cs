using System.Globalization;

namespace ProvincePlatform.Host.Gateway;

/// <summary>
/// <c>page</c> and <c>pageSize</c> of a query string. They are read here rather than bound as integers, so that one
/// that is not a number is named in the problem's errors like any other bad filter.
/// </summary>
public static class Paging
{
    public const int MaxPage = 100_000;
    private const int DefaultPageSize = 20;

    public static (int Page, int PageSize) Read(string? pageText, string? pageSizeText, int maxPageSize, Dictionary<string, string[]> errors)
    {
        var page = ReadWholeNumber(pageText, 1);
        if (page is not (>= 1 and <= MaxPage))
        {
            errors["page"] = [$"Số nguyên từ 1 đến {MaxPage} / A whole number from 1 to {MaxPage}."];
        }

        var pageSize = ReadWholeNumber(pageSizeText, DefaultPageSize);
        if (pageSize is not { } size || size < 1 || size > maxPageSize)
        {
            errors["pageSize"] = [$"Số nguyên từ 1 đến {maxPageSize} / A whole number from 1 to {maxPageSize}."];
        }

        return (page ?? 1, pageSize ?? DefaultPageSize);
    }

    /// <summary>
    /// The number, or <paramref name="absent"/> when none is given; null when the text is not a whole number in ASCII
    /// digits with an optional minus sign (int.Parse alone would also take trailing NUL characters and a plus sign).
    /// </summary>
    private static int? ReadWholeNumber(string? text, int absent)
    {
        if (text is null)
        {
            return absent;
        }

        var digits = text.StartsWith('-') ? text[1..] : text;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? number
                : null;
    }
}
