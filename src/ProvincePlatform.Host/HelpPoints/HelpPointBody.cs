using System.Collections.Immutable;
using System.Text;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Grains.HelpPoints;

namespace ProvincePlatform.Host.HelpPoints;

/// <summary>The body of <c>POST</c> and <c>PUT</c> on help points. Every member may be absent, so that a missing
/// field is reported by name rather than as an unreadable body.</summary>
public sealed record HelpPointBody(
    string? Name,
    HelpPointKind? Kind,
    string? Address,
    int? Computers,
    IReadOnlyList<OpeningHoursBody?>? OpeningHours)
{
    public const int MaxOpeningPeriods = HelpPointRules.MaxOpeningPeriods;

    /// <summary>The definition this body describes, or the errors that keep it from describing one.</summary>
    public HelpPointDefinition? ToDefinition(out Dictionary<string, string[]> errors)
    {
        errors = [];
        // "villageHouse, other" reads as a combination of values that is no kind at all.
        if (Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["kind"] = ["Bắt buộc: communeOffice, villageHouse hoặc other / Required: communeOffice, villageHouse or other."];
        }

        if (Computers is null)
        {
            errors["computers"] = ["Bắt buộc / Required."];
        }

        var periods = ImmutableArray.CreateBuilder<OpeningPeriod>();
        var incomplete = false;
        for (var i = 0; i < OpeningHours?.Count && i < MaxOpeningPeriods + 1; i++)
        {
            if (OpeningHours[i] is not { Days: not null, Start: { } start, End: { } end } period)
            {
                // Each missing member is named, e.g. "openingHours[0].end"; a null entry is named as a whole.
                incomplete = true;
                foreach (var missing in MissingMembers(OpeningHours[i]))
                {
                    errors[$"openingHours[{i}]{missing}"] = ["Bắt buộc / Required."];
                }

                continue;
            }

            periods.Add(new OpeningPeriod([.. period.Days], start, end, period.SlotMinutes));
        }

        var definition = new HelpPointDefinition(
            Name?.Trim().Normalize(NormalizationForm.FormC) ?? string.Empty,
            Kind ?? HelpPointKind.Other,
            Address?.Trim().Normalize(NormalizationForm.FormC) ?? string.Empty,
            Computers ?? 0,
            periods.ToImmutable());
        foreach (var (field, messages) in HelpPointRules.Validate(definition))
        {
            // With an incomplete period left out, the rules would count and index the remaining periods wrongly.
            if (!incomplete || !field.StartsWith("openingHours", StringComparison.Ordinal))
            {
                errors.TryAdd(field, messages);
            }
        }

        return errors.Count == 0 ? definition : null;
    }

    private static IEnumerable<string> MissingMembers(OpeningHoursBody? period)
    {
        if (period is null)
        {
            yield return string.Empty;
            yield break;
        }

        if (period.Days is null)
        {
            yield return ".days";
        }

        if (period.Start is null)
        {
            yield return ".start";
        }

        if (period.End is null)
        {
            yield return ".end";
        }
    }
}

public sealed record OpeningHoursBody(IReadOnlyList<DayOfWeek>? Days, TimeOnly? Start, TimeOnly? End, int? SlotMinutes);
