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
        if (Kind is null)
        {
            errors["kind"] = ["Bắt buộc: communeOffice, villageHouse hoặc other / Required: communeOffice, villageHouse or other."];
        }

        if (Computers is null)
        {
            errors["computers"] = ["Bắt buộc / Required."];
        }

        var periods = ImmutableArray.CreateBuilder<OpeningPeriod>();
        for (var i = 0; i < OpeningHours?.Count && i < MaxOpeningPeriods + 1; i++)
        {
            if (OpeningHours[i] is not { Days: not null, Start: { } start, End: { } end } period)
            {
                errors[$"openingHours[{i}]"] = ["Cần days, start và end / days, start and end are required."];
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
            errors.TryAdd(field, messages);
        }

        return errors.Count == 0 ? definition : null;
    }
}

public sealed record OpeningHoursBody(IReadOnlyList<DayOfWeek>? Days, TimeOnly? Start, TimeOnly? End, int? SlotMinutes);
