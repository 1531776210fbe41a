using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Host.Audit;

namespace ProvincePlatform.Host.HelpPoints;

public sealed record HelpPointResponse(
    string Id,
    string CommuneCode,
    string Name,
    HelpPointKind Kind,
    string Address,
    int Computers,
    IReadOnlyList<OpeningHoursBody> OpeningHours,
    IReadOnlyList<ClosureResponse> Closures,
    HelpPointFigures Figures) : ICreatedResource
{
    public static HelpPointResponse From(HelpPointDetails details) => new(
        details.Id,
        details.CommuneCode,
        details.Definition.Name,
        details.Definition.Kind,
        details.Definition.Address,
        details.Definition.Computers,
        [.. details.Definition.OpeningHours.Select(period =>
            new OpeningHoursBody(period.Days, period.Start, period.End, period.SlotMinutes))],
        [.. details.Closures.Select(ClosureResponse.From)],
        details.Figures);
}

public sealed record ClosureResponse(DateOnly Date, string Reason)
{
    public static ClosureResponse From(Closure closure) => new(closure.Date, closure.Reason);
}
