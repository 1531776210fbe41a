using CsvHelper;

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

    private const int CodeLength = 5;
    private const int MaxEchoedLength = 20;
    private const int MaxRecordBytes = 64 * 1024;

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
        var options = CsvReaderOptions.Default with
        {
            // Spreadsheets set to Vietnamese write ';' between fields, since ',' is their decimal separator: the
            // separator is detected, never assumed.
            Separator = null,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            // A commune list has short lines; an unclosed quote must not make the reader swallow a whole file.
            MaxRecordSize = MaxRecordBytes,
        };
        using var csv = CsvReader.Create(stream, options, leaveOpen: true);
        try
        {
            return ReadRecords(csv);
        }
        catch (CsvFormatException exception)
        {
            var line = exception.LineNumber > 0 ? exception.LineNumber : exception.RecordNumber;
            return CommuneCodesReading.Failed(
                $"Dòng {line}: CSV không đọc được (dấu ngoặc kép sai?) / Line {line}: unreadable CSV (a stray quote?).");
        }
    }

    private static CommuneCodesReading ReadRecords(CsvReader csv)
    {
        var header = csv.Headers;
        if (header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            return CommuneCodesReading.Failed("Tệp trống, thiếu dòng tiêu đề / The file is empty: it has no header line.");
        }

        if (!csv.TryGetFieldIndex(RegisterColumn, out var index) && !csv.TryGetFieldIndex(PlainColumn, out index))
        {
            return CommuneCodesReading.Failed(
                $"Dòng 1: không có cột {RegisterColumn} hoặc {PlainColumn}; các cột là: {string.Join(", ", header)} / " +
                $"Line 1: no {RegisterColumn} or {PlainColumn} column; the columns are: {string.Join(", ", header)}.");
        }

        var codes = new List<string>();
        var firstSeenOn = new Dictionary<string, long>(StringComparer.Ordinal);
        var warnings = new List<string>();
        var errors = new List<string>();
        var errorCount = 0;
        while (csv.Read())
        {
            var line = csv.LineNumber;
            var code = csv.GetString(index) ?? string.Empty;
            if (Problem(code) is { } problem)
            {
                if (++errorCount <= MaxErrorsListed)
                {
                    errors.Add($"Dòng {line}: {problem.Vietnamese} / Line {line}: {problem.English}");
                }
            }
            else if (firstSeenOn.TryGetValue(code, out var first))
            {
                warnings.Add($"Dòng {line}: mã xã {code} trùng với dòng {first}, bỏ qua / Line {line}: commune code {code} repeats line {first}; dropped.");
            }
            else
            {
                firstSeenOn[code] = line;
                codes.Add(code);
            }
        }

        if (errorCount > MaxErrorsListed)
        {
            errors.Add($"… và {errorCount - MaxErrorsListed} lỗi nữa / … and {errorCount - MaxErrorsListed} more.");
        }
        else if (errorCount == 0 && codes.Count == 0)
        {
            errors.Add($"Tệp không có mã xã nào dưới cột {header[index]} / The file lists no commune codes under its {header[index]} column.");
        }

        return new CommuneCodesReading(codes, warnings, errors);
    }

    private static (string Vietnamese, string English)? Problem(string code)
    {
        if (code.Length == 0)
        {
            return ("thiếu mã xã", "the commune code is missing.");
        }

        if (code.Length == CodeLength && code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var shown = code.Length > MaxEchoedLength ? code[..MaxEchoedLength] + "…" : code;
        // A spreadsheet that took the column for numbers turns 00001 into 1; say so, or the fix is a mystery.
        return code.All(char.IsAsciiDigit) && code.Length < CodeLength
            ? ($"mã xã \"{shown}\" phải gồm 5 chữ số (bảng tính có thể đã bỏ số 0 ở đầu)",
               $"commune code \"{shown}\" must be five digits (a spreadsheet may have dropped its leading zeros).")
            : ($"mã xã \"{shown}\" phải gồm 5 chữ số", $"commune code \"{shown}\" must be five digits.");
    }
}

/// <summary>The codes a file names, in its order and each once; what was dropped; what makes it unusable.</summary>
public sealed record CommuneCodesReading(IReadOnlyList<string> Codes, IReadOnlyList<string> Warnings, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public static CommuneCodesReading Failed(string error) => new([], [], [error]);
}
