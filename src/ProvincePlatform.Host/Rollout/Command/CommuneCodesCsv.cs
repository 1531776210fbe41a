using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace ProvincePlatform.Host.Rollout.Command;

/// <summary>
/// The communes a rollout names, read from a CSV file with a header: the official register's format (column
/// <c>commune_code</c>, as in <c>deploy/seed/*.csv</c>) or a plain list under <c>code</c>. Every problem is named by
/// line, so the person who prepared the file in a spreadsheet can find it.
/// </summary>
public static class CommuneCodesCsv
{
    public const string RegisterColumn = "commune_code";
    public const string PlainColumn = "code";

    /// <summary>Past this many, further errors are only counted: a wrong file should not flood the terminal.</summary>
    public const int MaxErrorsListed = 20;

    private const int MaxFieldLength = 4 * 1024;

    public static CommuneCodesReading ReadFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Read(stream);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return CommuneCodesReading.Failed(
                $"Không đọc được tệp {path}: {exception.Message} / Cannot read the file {path}: {exception.Message}");
        }
    }

    /// <summary>Reads UTF-8, with or without a byte order mark (spreadsheets on Windows write one).</summary>
    public static CommuneCodesReading Read(Stream stream)
    {
        using var text = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var badData = false;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // Spreadsheets set to Vietnamese write ';' between fields, since ',' is their decimal separator: the
            // separator is detected, never assumed.
            DetectDelimiter = true,
            TrimOptions = TrimOptions.Trim,
            // Blank lines come through so that every line is counted here and each error names the right one.
            IgnoreBlankLines = false,
            BadDataFound = _ => badData = true,
            // A commune list has short fields; an unclosed quote must not make the reader swallow a whole file.
            MaxFieldSize = MaxFieldLength,
        };
        using var csv = new CsvParser(text, configuration);
        var lines = new CommuneCodesLines();
        try
        {
            while (csv.Read())
            {
                // An unclosed quote runs a field over the lines after it and would silently swallow their codes;
                // no commune list has a field of several lines, so such a record is refused where it starts.
                var spanned = csv.RawRecord.TrimEnd('\r', '\n').Count(character => character == '\n') + 1;
                lines.Add(csv.Record ?? [], spanned, badData);
                badData = false;
            }
        }
        catch (CsvHelperException)
        {
            lines.Unreadable();
        }

        return lines.Reading();
    }
}
