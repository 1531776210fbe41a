using ProvincePlatform.Contracts.HelpPoints;
using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Contracts.Stats;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.Stats;

namespace ProvincePlatform.Grains.Tests.Stats;

public sealed class StatsCalculatorTests
{
    /// <summary>A Monday.</summary>
    private static readonly DateOnly s_monday = new(2026, 11, 30);

    private static readonly DateTimeOffset s_later = VietnamTime.ToInstant(s_monday.AddDays(30), new TimeOnly(8, 0));

    [Fact]
    public void Weeks_run_monday_to_sunday_clipped_to_the_range()
    {
        var weeks = StatsWeeks.Of(s_monday.AddDays(3), s_monday.AddDays(15)).ToList();

        Assert.Equal(
            [(s_monday, s_monday.AddDays(3), s_monday.AddDays(6)), (s_monday.AddDays(7), s_monday.AddDays(7), s_monday.AddDays(13)),
             (s_monday.AddDays(14), s_monday.AddDays(14), s_monday.AddDays(15))],
            weeks);
    }

    [Fact]
    public void A_citizen_guided_on_two_days_counts_once_in_the_range_and_once_in_each_week()
    {
        var records = Records(("20527-1", Day(s_monday, checkIns: 1, guided: [7])), ("20527-2", Day(s_monday.AddDays(8), walkIns: 1, guided: [7])));

        var slice = StatsCalculator.Slice("20527", s_monday, s_monday.AddDays(13), s_later, records, []);

        Assert.Equal(1, slice.Totals.CitizensGuided);
        Assert.Equal([1, 1], slice.Weeks.Select(week => week.Figures.CitizensGuided));
        Assert.Equal((1, 1, 2), (slice.Totals.CheckIns, slice.Totals.WalkIns, slice.Totals.SeatsUsed));
    }

    [Fact]
    public void Days_outside_the_range_are_not_counted()
    {
        var records = Records(("20527-1", Day(s_monday.AddDays(-1), checkIns: 4, guided: [1])), ("20527-2", Day(s_monday, checkIns: 2, guided: [2])));

        var slice = StatsCalculator.Slice("20527", s_monday, s_monday, s_later, records, []);

        Assert.Equal((2, 1), (slice.Totals.CheckIns, slice.Totals.CitizensGuided));
        Assert.Equal(2, slice.Totals.SeatsUsed);
    }

    [Fact]
    public void Requests_count_by_status_service_and_guidance_and_those_that_reached_the_portal()
    {
        RequestCount[] requests =
        [
            new(s_monday, "birthRegistration", RequestStatus.Completed, Guided: true, 3),
            new(s_monday, "birthRegistration", RequestStatus.Draft, Guided: true, 1),
            new(s_monday.AddDays(1), "temporaryResidence", RequestStatus.Failed, Guided: false, 2),
            new(s_monday.AddDays(2), "temporaryResidence", RequestStatus.Rejected, Guided: false, 1),
        ];

        var totals = StatsCalculator.Slice("20527", s_monday, s_monday.AddDays(6), s_later, Records(), requests).Totals;

        Assert.Equal(7, totals.Requests);
        Assert.Equal(3, totals.RequestsByStatus[RequestStatus.Completed]);
        Assert.Equal(3, totals.RequestsByService["temporaryResidence"]);
        Assert.Equal((4, 4, 3), (totals.RequestsFiledOnline, totals.GuidedRequests, totals.GuidedRequestsFiledOnline));
    }

    [Fact]
    public void Merging_communes_counts_a_citizen_guided_in_both_once_and_adds_everything_else()
    {
        var first = StatsCalculator.Slice("20527", s_monday, s_monday.AddDays(6), s_later,
            Records(("20527-1", Day(s_monday, checkIns: 2, guided: [1, 2]))), [new(s_monday, "birthRegistration", RequestStatus.Submitted, true, 1)]);
        var second = StatsCalculator.Slice("20530", s_monday, s_monday.AddDays(6), s_later,
            Records(("20530-1", Day(s_monday.AddDays(1), checkIns: 2, guided: [2, 3]))), [new(s_monday, "birthRegistration", RequestStatus.Draft, false, 2)]);

        var (totals, weeks) = StatsCalculator.Merge(s_monday, s_monday.AddDays(6), [first, second]);

        Assert.Equal((3, 4, 3, 1), (totals.CitizensGuided, totals.CheckIns, totals.Requests, totals.RequestsFiledOnline));
        Assert.Equal([1L, 2L, 3L], Assert.Single(weeks).Guided.ToArray());
    }

    private static Dictionary<string, HelpPointRecord> Records(params (string Id, HelpPointDay Day)[] days)
    {
        var records = new Dictionary<string, HelpPointRecord>();
        foreach (var (id, day) in days)
        {
            var record = records.GetValueOrDefault(id) ?? new HelpPointRecord();
            record.Apply(new HelpPointReport(id, record.Sequence + 1, null, [day]));
            records[id] = record;
        }

        return records;
    }

    private static HelpPointDay Day(DateOnly date, int checkIns = 0, int walkIns = 0, long[]? guided = null) =>
        new(date, HelpPointFigures.Zero with { Bookings = checkIns, CheckIns = checkIns, WalkIns = walkIns }, [.. guided ?? []]);
}
