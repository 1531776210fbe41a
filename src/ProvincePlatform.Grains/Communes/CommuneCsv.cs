using System.Text;

namespace ProvincePlatform.Grains.Communes;

/// <summary>
/// Reads the register's CSV format (<c>province_code, province_name, district_code, district_name, district_type,
/// commune_code, commune_name, commune_type</c>; UTF-8, header row). Columns are found by name, so their order
/// may change; a malformed file fails with its line number rather than loading half a province.
/// </summary>
public static class CommuneCsv
{
    private static readonly string[] s_requiredColumns =
        ["province_code", "province_name", "district_code", "district_name", "commune_code", "commune_name", "commune_type"];

    public static IReadOnlyList<Commune> Read(TextReader reader, string sourceName)
    {
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{sourceName}: the file is empty.");
        var columns = SplitLine(header.TrimStart('\uFEFF'), sourceName, 1);
        var index = s_requiredColumns.ToDictionary(name => name, name => Array.IndexOf(columns, name));
        var missing = index.Where(pair => pair.Value < 0).Select(pair => pair.Key).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{sourceName}: missing column(s) {string.Join(", ", missing)}.");
        }

        var communes = new List<Commune>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = SplitLine(line, sourceName, lineNumber);
            if (fields.Length != columns.Length)
            {
                throw new InvalidDataException(
                    $"{sourceName}, line {lineNumber}: {fields.Length} fields where the header has {columns.Length}.");
            }

            string Field(string name) => fields[index[name]].Trim().Normalize(NormalizationForm.FormC);
            var code = Field("commune_code");
            if (code.Length != 5 || !code.All(char.IsAsciiDigit))
            {
                throw new InvalidDataException($"{sourceName}, line {lineNumber}: commune code '{code}' is not five digits.");
            }

            communes.Add(new Commune(
                code,
                Field("commune_name"),
                Field("commune_type"),
                Field("district_code"),
                Field("district_name"),
                Field("province_code").PadLeft(2, '0'),
                Field("province_name")));
        }

        return communes;
    }

    /// <summary>Splits one RFC 4180 line: fields may be quoted, with doubled quotes inside.</summary>
    private static string[] SplitLine(string line, string sourceName, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new InvalidDataException($"{sourceName}, line {lineNumber}: a quoted field is not closed.");
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
