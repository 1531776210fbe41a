using System.Collections.Immutable;
using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Rollout;
using ProvincePlatform.Grains.Communes;
using ProvincePlatform.Grains.Rollout;
using ProvincePlatform.Host.HelpPoints;

namespace ProvincePlatform.Host.Rollout;

/// <summary>
/// The body of <c>POST /province/rollout</c>: the communes (named, a district, or all of the register) and the
/// template of the help points each gets.
/// </summary>
public sealed record RolloutBody(IReadOnlyList<string?>? CommuneCodes, string? District, RolloutTemplateBody? Template)
{
    /// <summary>Unknown codes named one by one, up to this many, so a wrong file is fixed without a flood.</summary>
    public const int MaxCodeErrors = 20;

    /// <summary>The communes to provision, in the order given (repeats dropped), or the errors that keep this body from naming them.</summary>
    public ImmutableArray<string>? ToCommuneCodes(CommuneDirectory directory, Dictionary<string, string[]> errors)
    {
        if (CommuneCodes is not null && District is not null)
        {
            errors["district"] = ["Chỉ dùng một trong communeCodes và district / Give communeCodes or district, not both."];
            return null;
        }

        if (District is not null)
        {
            if (!directory.HasDistrict(District))
            {
                errors["district"] = ["Không có huyện với mã này / No district has this code."];
                return null;
            }

            return [.. directory.Search(District, null).Select(commune => commune.Code)];
        }

        if (CommuneCodes is null)
        {
            return [.. directory.Search(null, null).Select(commune => commune.Code)];
        }

        if (CommuneCodes.Count == 0 || CommuneCodes.Count > directory.Count)
        {
            errors["communeCodes"] = [$"Từ 1 đến {directory.Count} mã xã / Between 1 and {directory.Count} commune codes."];
            return null;
        }

        var unknown = 0;
        for (var i = 0; i < CommuneCodes.Count && unknown < MaxCodeErrors; i++)
        {
            if (CommuneCodes[i] is not { } code || directory.Find(code) is null)
            {
                errors[$"communeCodes[{i}]"] = ["Không có xã với mã này / No commune has this code."];
                unknown++;
            }
        }

        return unknown == 0 ? [.. CommuneCodes.OfType<string>().Distinct(StringComparer.Ordinal)] : null;
    }

    public RolloutTemplate? ToTemplate(Dictionary<string, string[]> errors)
    {
        if (Template is null)
        {
            errors["template"] = ["Bắt buộc / Required."];
            return null;
        }

        var template = new RolloutTemplate(
            Part("template.communeOffice", Template.CommuneOffice is { } office ? (1, office.Computers, office.OpeningHours) : null, HelpPointKind.CommuneOffice, errors),
            Part("template.villageHouses", Template.VillageHouses is { } houses ? (houses.Count ?? -1, houses.Computers, houses.OpeningHours) : null, HelpPointKind.VillageHouse, errors));
        if (Template.VillageHouses is { Count: null })
        {
            errors["template.villageHouses.count"] = ["Bắt buộc / Required."];
        }

        if (errors.Count > 0)
        {
            return null;
        }

        foreach (var (field, messages) in RolloutTemplates.Validate(template))
        {
            errors[field] = messages;
        }

        return errors.Count == 0 ? template : null;
    }

    /// <summary>A part of the template, judged by the same rules as a help point's own body.</summary>
    private static HelpPointTemplate? Part(
        string path, (int Count, int? Computers, IReadOnlyList<OpeningHoursBody?>? OpeningHours)? part, HelpPointKind kind,
        Dictionary<string, string[]> errors)
    {
        if (part is not { } given)
        {
            return null;
        }

        var body = new HelpPointBody("template", kind, "template", given.Computers, given.OpeningHours);
        if (body.ToDefinition(out var partErrors) is { } definition)
        {
            return new HelpPointTemplate(given.Count, definition.Computers, definition.OpeningHours);
        }

        foreach (var (field, messages) in partErrors)
        {
            errors[$"{path}.{field}"] = messages;
        }

        return null;
    }
}

public sealed record RolloutTemplateBody(HelpPointTemplateBody? CommuneOffice, VillageHousesTemplateBody? VillageHouses);

public sealed record HelpPointTemplateBody(int? Computers, IReadOnlyList<OpeningHoursBody?>? OpeningHours);

public sealed record VillageHousesTemplateBody(int? Count, int? Computers, IReadOnlyList<OpeningHoursBody?>? OpeningHours);
