using ProvincePlatform.Contracts.HelpPoints;

namespace ProvincePlatform.Grains.HelpPoints;

/// <summary>What makes a help point definition acceptable; errors are keyed by the JSON path of the field.</summary>
public static class HelpPointRules
{
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 300;
    public const int MinComputers = 1;
    public const int MaxComputers = 200;
    public const int MaxOpeningPeriods = 21;
    public const int MinSlotMinutes = 10;

    public static Dictionary<string, string[]> Validate(HelpPointDefinition definition)
    {
        var errors = new Dictionary<string, string[]>();
        CheckText(errors, "name", definition.Name, MaxNameLength);
        CheckText(errors, "address", definition.Address, MaxAddressLength);
        if (definition.Computers is < MinComputers or > MaxComputers)
        {
            errors["computers"] = [$"Từ {MinComputers} đến {MaxComputers} / Between {MinComputers} and {MaxComputers}."];
        }

        var periods = definition.OpeningHours;
        if (periods.IsDefaultOrEmpty || periods.Length > MaxOpeningPeriods)
        {
            errors["openingHours"] = [$"Từ 1 đến {MaxOpeningPeriods} khung giờ / Between 1 and {MaxOpeningPeriods} periods."];
            return errors;
        }

        for (var i = 0; i < periods.Length; i++)
        {
            CheckPeriod(errors, $"openingHours[{i}]", periods[i]);
            for (var j = 0; j < i; j++)
            {
                if (Overlap(periods[i], periods[j]))
                {
                    errors.TryAdd($"openingHours[{i}]", [$"Trùng giờ với openingHours[{j}] / Overlaps openingHours[{j}]."]);
                }
            }
        }

        return errors;
    }

    private static void CheckText(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ["Bắt buộc / Required."];
        }
        else if (value.Length > maxLength)
        {
            errors[field] = [$"Tối đa {maxLength} ký tự / At most {maxLength} characters."];
        }
        else if (value.Any(char.IsControl))
        {
            errors[field] = ["Không được chứa ký tự điều khiển / Control characters are not allowed."];
        }
    }

    private static void CheckPeriod(Dictionary<string, string[]> errors, string path, OpeningPeriod period)
    {
        if (period.Days.IsDefaultOrEmpty)
        {
            errors[$"{path}.days"] = ["Cần ít nhất một ngày / At least one day is required."];
        }
        else if (period.Days.Distinct().Count() != period.Days.Length)
        {
            errors[$"{path}.days"] = ["Ngày bị lặp lại / A day is repeated."];
        }

        if (period.End <= period.Start)
        {
            errors[$"{path}.end"] = ["Giờ kết thúc phải sau giờ bắt đầu / The end must be after the start."];
        }
        else if (period.SlotMinutes is { } minutes
            && (minutes < MinSlotMinutes || TimeSpan.FromMinutes(minutes) > period.End - period.Start))
        {
            errors[$"{path}.slotMinutes"] =
                [$"Từ {MinSlotMinutes} phút đến độ dài khung giờ / From {MinSlotMinutes} minutes to the length of the period."];
        }
    }

    private static bool Overlap(OpeningPeriod a, OpeningPeriod b) =>
        !a.Days.IsDefault && !b.Days.IsDefault && a.Days.Intersect(b.Days).Any() && a.Start < b.End && b.Start < a.End;
}
