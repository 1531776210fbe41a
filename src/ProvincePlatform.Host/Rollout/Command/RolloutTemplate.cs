namespace ProvincePlatform.Host.Rollout.Command;

/// <summary>
/// The <c>template</c> of <c>POST /api/v1/province/rollout</c> as the command sends it: the help points every named
/// commune gets. Either part may be left out; the gateway judges the values.
/// </summary>
public sealed record RolloutTemplate(CommuneOfficeTemplate? CommuneOffice = null, VillageHousesTemplate? VillageHouses = null);

public sealed record CommuneOfficeTemplate(int Computers, IReadOnlyList<OpeningHoursTemplate> OpeningHours);

public sealed record VillageHousesTemplate(int Count, int Computers, IReadOnlyList<OpeningHoursTemplate> OpeningHours);

public sealed record OpeningHoursTemplate(IReadOnlyList<DayOfWeek> Days, TimeOnly Start, TimeOnly End, int? SlotMinutes = null);
