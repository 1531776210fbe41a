using ProvincePlatform.Grains.Bookings;
using ProvincePlatform.Grains.HelpPoints;

namespace ProvincePlatform.Grains.Tests.Bookings;

public sealed class IdsTests
{
    [Fact]
    public void A_booking_id_leads_back_to_its_help_point()
    {
        var bookingId = BookingIds.New("20527-3");

        Assert.True(BookingIds.TryGetHelpPointId(bookingId, out var helpPointId));
        Assert.Equal("20527-3", helpPointId);
    }

    [Fact]
    public void Booking_ids_are_not_repeated()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => BookingIds.New("20527-3")).ToHashSet();

        Assert.Equal(1000, ids.Count);
    }

    [Theory]
    [InlineData("20527-3")]
    [InlineData("20527-3-ABCDEFGHJK")]
    [InlineData("20527-3-abcdefghj")]
    [InlineData("20527-3-abcdefghji")]
    [InlineData("x0527-3-abcdefghjk")]
    [InlineData("../../x-abcdefghjk")]
    [InlineData("")]
    public void Malformed_booking_ids_are_refused(string bookingId) =>
        Assert.False(BookingIds.TryGetHelpPointId(bookingId, out _));

    [Theory]
    [InlineData("20527-1", true)]
    [InlineData("20527-123456", true)]
    [InlineData("20527-0", false)]
    [InlineData("20527-01", false)]
    [InlineData("20527-1234567", false)]
    [InlineData("2052-1", false)]
    [InlineData("20527_1", false)]
    [InlineData("20527-", false)]
    public void Help_point_ids_are_a_commune_code_and_a_sequence(string helpPointId, bool wellFormed) =>
        Assert.Equal(wellFormed, HelpPointIds.IsWellFormed(helpPointId));
}
