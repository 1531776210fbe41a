namespace ProvincePlatform.Grains.HelpPoints;

/// <summary>Help point ids are <c>{communeCode}-{n}</c>, numbered by their commune from 1.</summary>
public static class HelpPointIds
{
    private const int MaxSequenceDigits = 6;

    public static string Format(string communeCode, int sequence) => $"{communeCode}-{sequence}";

    /// <summary>Whether the id has the form of a help point id; says nothing of whether one exists.</summary>
    public static bool IsWellFormed(string? helpPointId) => TryGetCommuneCode(helpPointId, out _);

    public static bool TryGetCommuneCode(string? helpPointId, out string communeCode)
    {
        communeCode = string.Empty;
        if (helpPointId is null || helpPointId.Length < 7 || helpPointId[5] != '-')
        {
            return false;
        }

        var code = helpPointId.AsSpan(0, 5);
        var sequence = helpPointId.AsSpan(6);
        if (code.ContainsAnyExceptInRange('0', '9') || sequence.Length > MaxSequenceDigits
            || sequence.ContainsAnyExceptInRange('0', '9') || sequence[0] == '0')
        {
            return false;
        }

        communeCode = code.ToString();
        return true;
    }
}
