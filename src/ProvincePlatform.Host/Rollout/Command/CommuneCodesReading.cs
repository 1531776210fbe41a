using System.Globalization;

namespace ProvincePlatform.Host.Rollout.Command;

/// <summary>
/// The codes a file names, in its order and each once, with the line each came from; what was dropped; what makes
/// the file unusable.
/// </summary>
public sealed record CommuneCodesReading(
    IReadOnlyList<string> Codes, IReadOnlyList<int> Lines, IReadOnlyList<string> Warnings, IReadOnlyList<string> Errors)
{
    private const string CodesField = "communeCodes[";

    public bool IsValid => Errors.Count == 0;

    public static CommuneCodesReading Failed(string error) => new([], [], [], [error]);

    /// <summary>
    /// A field of the gateway's errors with the code and the line of the file it points at: the gateway counts the
    /// codes it was sent (<c>communeCodes[3]</c>), the person fixing the file counts its lines.
    /// </summary>
    public string Describe(string field) =>
        field.StartsWith(CodesField, StringComparison.Ordinal) && field.EndsWith(']')
        && int.TryParse(field.AsSpan(CodesField.Length, field.Length - CodesField.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
        && index < Codes.Count
            ? $"{field} ({Codes[index]}, dòng/line {Lines[index]})"
            : field;
}
