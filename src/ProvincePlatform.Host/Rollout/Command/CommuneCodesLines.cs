namespace ProvincePlatform.Host.Rollout.Command;

/// <summary>
/// The lines of a communes file as they are read, one record at a time: the first record that is not blank is the
/// header, and every later one gives a code, a repeat (dropped with a warning) or an error naming its line.
/// </summary>
public sealed class CommuneCodesLines
{
    private const int CodeLength = 5;
    private const int MaxEchoedLength = 20;

    private readonly List<string> _codes = [];
    private readonly List<int> _codeLines = [];
    private readonly Dictionary<string, int> _firstSeenOn = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];
    private readonly List<string> _errors = [];
    private string[]? _header;
    private int _column = -1;
    private int _errorCount;
    private int _headerLine;

    /// <summary>The line the next record starts on.</summary>
    private int _line = 1;

    /// <param name="fields">The record's fields, trimmed.</param>
    /// <param name="spannedLines">How many lines of the file the record takes up.</param>
    /// <param name="badQuoting">Whether a quote in the record breaks the CSV rules.</param>
    public void Add(string[] fields, int spannedLines, bool badQuoting)
    {
        var line = _line;
        _line += spannedLines;
        if (spannedLines > 1)
        {
            Error(line, $"dấu ngoặc kép mở một ô kéo dài qua {spannedLines} dòng", $"a quote opens a field that runs over {spannedLines} lines.");
            return;
        }

        if (badQuoting)
        {
            Error(line, "CSV không đọc được (dấu ngoặc kép sai?)", "unreadable CSV (a stray quote?).");
            return;
        }

        // Blank lines, and the rows of empty cells that spreadsheets leave at the end of a sheet, say nothing.
        if (fields.All(string.IsNullOrWhiteSpace))
        {
            return;
        }

        if (_header is null)
        {
            _header = fields;
            _headerLine = line;
            _column = ColumnOf(CommuneCodesCsv.RegisterColumn) ?? ColumnOf(CommuneCodesCsv.PlainColumn) ?? -1;
            return;
        }

        if (_column >= 0)
        {
            AddCode(line, _column < fields.Length ? fields[_column] : string.Empty);
        }
    }

    /// <summary>The record that starts on the current line could not be read at all.</summary>
    public void Unreadable() => Error(_line, "CSV không đọc được", "unreadable CSV.");

    public CommuneCodesReading Reading()
    {
        if (_header is null)
        {
            return _errors.Count > 0 ? new CommuneCodesReading([], [], [], [.. _errors]) : CommuneCodesReading.Failed("Tệp trống, thiếu dòng tiêu đề / The file is empty: it has no header line.");
        }

        if (_column < 0)
        {
            var columns = string.Join(", ", _header);
            return CommuneCodesReading.Failed(
                $"Dòng {_headerLine}: không có cột {CommuneCodesCsv.RegisterColumn} hoặc {CommuneCodesCsv.PlainColumn}; các cột là: {columns} / " +
                $"Line {_headerLine}: no {CommuneCodesCsv.RegisterColumn} or {CommuneCodesCsv.PlainColumn} column; the columns are: {columns}.");
        }

        var errors = new List<string>(_errors);
        if (_errorCount > CommuneCodesCsv.MaxErrorsListed)
        {
            var more = _errorCount - CommuneCodesCsv.MaxErrorsListed;
            errors.Add($"… và {more} lỗi nữa / … and {more} more.");
        }
        else if (_errorCount == 0 && _codes.Count == 0)
        {
            var name = _header[_column];
            errors.Add($"Tệp không có mã xã nào dưới cột {name} / The file lists no commune codes under its {name} column.");
        }

        return new CommuneCodesReading([.. _codes], [.. _codeLines], [.. _warnings], errors);
    }

    private int? ColumnOf(string name)
    {
        var index = Array.FindIndex(_header!, column => string.Equals(column, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : null;
    }

    private void AddCode(int line, string code)
    {
        if (Problem(code) is { } problem)
        {
            Error(line, problem.Vietnamese, problem.English);
        }
        else if (_firstSeenOn.TryGetValue(code, out var first))
        {
            _warnings.Add($"Dòng {line}: mã xã {code} trùng với dòng {first}, bỏ qua / Line {line}: commune code {code} repeats line {first}; dropped.");
        }
        else
        {
            _firstSeenOn[code] = line;
            _codes.Add(code);
            _codeLines.Add(line);
        }
    }

    private void Error(int line, string vietnamese, string english)
    {
        if (++_errorCount <= CommuneCodesCsv.MaxErrorsListed)
        {
            _errors.Add($"Dòng {line}: {vietnamese} / Line {line}: {english}");
        }
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
