using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Grains.Common;
using ProvincePlatform.Grains.Requests;

namespace ProvincePlatform.Grains.Tests.Requests;

public sealed class RequestTallyTests
{
    private static readonly DateOnly s_day = new(2026, 12, 1);

    [Fact]
    public void A_request_is_counted_once_under_its_current_status()
    {
        var draft = Summary("20527-r1", RequestStatus.Draft);
        var tally = new RequestTally([draft]);

        tally.Replace(draft, draft with { Status = RequestStatus.Submitting });
        tally.Replace(draft with { Status = RequestStatus.Submitting }, draft with { Status = RequestStatus.Submitted });

        var count = Assert.Single(tally.Between(s_day, s_day));
        Assert.Equal((RequestStatus.Submitted, 1, false), (count.Status, count.Count, count.Guided));
    }

    [Fact]
    public void Requests_are_counted_by_the_local_date_they_were_opened()
    {
        // 23:30 in Vietnam on 1 December is still 30 November in UTC... and the other way round at 00:30.
        var late = Summary("20527-r1", RequestStatus.Draft) with { CreatedAt = VietnamTime.ToInstant(s_day, new TimeOnly(23, 30)) };
        var early = Summary("20527-r2", RequestStatus.Draft, bookingId: "20527-1-b1") with { CreatedAt = VietnamTime.ToInstant(s_day.AddDays(1), new TimeOnly(0, 30)) };

        var tally = new RequestTally([late, early]);

        Assert.Equal(1, Assert.Single(tally.Between(s_day, s_day)).Count);
        Assert.True(Assert.Single(tally.Between(s_day.AddDays(1), s_day.AddDays(1))).Guided);
    }

    private static RequestSummary Summary(string id, RequestStatus status, string? bookingId = null)
    {
        var created = VietnamTime.ToInstant(s_day, new TimeOnly(19, 15));
        return new RequestSummary(id, "20527", "birthRegistration", status, created, created, bookingId);
    }
}
