using ProvincePlatform.Grains.Citizens;

namespace ProvincePlatform.Grains.Tests.Citizens;

public sealed class InMemoryCitizenIndexTests
{
    private readonly InMemoryCitizenIndex _index = new();

    [Fact]
    public async Task A_citizens_entries_come_back_by_kind_in_the_order_they_were_added_once_each()
    {
        await _index.AddAsync("citizen-a", CitizenResource.Booking, "20527-1-b2");
        await _index.AddAsync("citizen-a", CitizenResource.Request, "20527-r1");
        await _index.AddAsync("citizen-a", CitizenResource.Booking, "20527-1-b1");
        await _index.AddAsync("citizen-a", CitizenResource.Booking, "20527-1-b2");
        await _index.AddAsync("citizen-b", CitizenResource.Booking, "20527-1-b3");

        var footprint = await _index.FindAsync("citizen-a");

        Assert.Equal(["20527-1-b2", "20527-1-b1"], footprint.BookingIds.ToArray());
        Assert.Equal(["20527-r1"], footprint.RequestIds.ToArray());
    }

    [Fact]
    public async Task A_citizen_never_indexed_has_nothing()
    {
        var footprint = await _index.FindAsync("citizen-c");

        Assert.Empty(footprint.BookingIds);
        Assert.Empty(footprint.RequestIds);
    }

    [Fact]
    public async Task Concurrent_additions_for_one_citizen_are_all_kept()
    {
        await Task.WhenAll(Enumerable.Range(0, 200).Select(n => Task.Run(() => _index.AddAsync("citizen-a", CitizenResource.Booking, $"b{n}"))));

        Assert.Equal(200, (await _index.FindAsync("citizen-a")).BookingIds.Length);
    }
}
