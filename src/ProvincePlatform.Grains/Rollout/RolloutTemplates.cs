using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Rollout;
using ProvincePlatform.Grains.Communes;
using ProvincePlatform.Grains.HelpPoints;

namespace ProvincePlatform.Grains.Rollout;

/// <summary>
/// Turns a rollout template into the help points of one commune. Names and addresses are placeholders a commune
/// corrects later (the province does not know which village houses each commune will use), but they say where the
/// help point belongs, so a list of them reads sensibly from the first day.
/// </summary>
public static class RolloutTemplates
{
    public const int MaxVillageHouses = 30;

    public static IReadOnlyList<HelpPointDefinition> Expand(RolloutTemplate template, Commune commune)
    {
        var address = $"{commune.Name}, {commune.DistrictName}, {commune.ProvinceName}";
        var definitions = new List<HelpPointDefinition>();
        if (template.CommuneOffice is { } office)
        {
            definitions.Add(new HelpPointDefinition(
                $"Điểm hỗ trợ tại trụ sở {commune.Name}", HelpPointKind.CommuneOffice, address, office.Computers, office.OpeningHours));
        }

        for (var house = 1; house <= (template.VillageHouses?.Count ?? 0); house++)
        {
            definitions.Add(new HelpPointDefinition(
                $"Điểm hỗ trợ nhà văn hóa số {house}", HelpPointKind.VillageHouse, address,
                template.VillageHouses!.Computers, template.VillageHouses.OpeningHours));
        }

        return definitions;
    }

    /// <summary>The template's errors keyed by JSON path under <c>template</c>; empty when it is acceptable.</summary>
    public static Dictionary<string, string[]> Validate(RolloutTemplate template)
    {
        var errors = new Dictionary<string, string[]>();
        if (template.CommuneOffice is null && template.VillageHouses is not { Count: > 0 })
        {
            errors["template"] = ["Cần trụ sở xã hoặc ít nhất một nhà văn hóa / A commune office or at least one village house is required."];
        }

        if (template.VillageHouses is { Count: < 0 or > MaxVillageHouses })
        {
            errors["template.villageHouses.count"] = [$"Từ 0 đến {MaxVillageHouses} / Between 0 and {MaxVillageHouses}."];
        }

        Check(errors, "template.communeOffice", template.CommuneOffice, HelpPointKind.CommuneOffice);
        Check(errors, "template.villageHouses", template.VillageHouses, HelpPointKind.VillageHouse);
        return errors;
    }

    // The help point rules judge computers and opening hours; name and address are ours, so only theirs are kept.
    private static void Check(Dictionary<string, string[]> errors, string path, HelpPointTemplate? part, HelpPointKind kind)
    {
        if (part is null)
        {
            return;
        }

        var sample = new HelpPointDefinition("template", kind, "template", part.Computers, part.OpeningHours);
        foreach (var (field, messages) in HelpPointRules.Validate(sample))
        {
            errors[$"{path}.{field}"] = messages;
        }
    }
}
