namespace ProvincePlatform.Contracts.HelpPoints;

/// <summary>Running totals of a help point's bookings, kept even after old sessions leave its working state.</summary>
[GenerateSerializer, Immutable, Alias("pp.HelpPointFigures")]
public sealed record HelpPointFigures(
    [property: Id(0)] int Bookings,
    [property: Id(1)] int CheckIns,
    [property: Id(2)] int WalkIns,
    [property: Id(3)] int NoShows,
    [property: Id(4)] int Cancellations,
    [property: Id(5)] int CancelledByHelpPoint)
{
    public static HelpPointFigures Zero { get; } = new(0, 0, 0, 0, 0, 0);

    public static HelpPointFigures operator +(HelpPointFigures left, HelpPointFigures right) => new(
        left.Bookings + right.Bookings,
        left.CheckIns + right.CheckIns,
        left.WalkIns + right.WalkIns,
        left.NoShows + right.NoShows,
        left.Cancellations + right.Cancellations,
        left.CancelledByHelpPoint + right.CancelledByHelpPoint);

    public static HelpPointFigures Add(HelpPointFigures left, HelpPointFigures right) => left + right;
}
