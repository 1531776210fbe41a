using ProvincePlatform.Grains.Common;

namespace ProvincePlatform.Grains.Tests.Common;

public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("Xã Đại Thạnh", "xa dai thanh")]
    [InlineData("  Phường   Điện Phương ", "phuong dien phuong")]
    [InlineData("THỊ TRẤN", "thi tran")]
    public void Fold_removes_diacritics_case_and_extra_spaces(string text, string folded) =>
        Assert.Equal(folded, VietnameseText.Fold(text));

    [Theory]
    [InlineData("dai thanh", false)]
    [InlineData("Đại Thạnh", true)]
    [InlineData("dai thanđ", true)]
    public void HasDiacritics_tells_a_plain_query_from_a_marked_one(string text, bool expected) =>
        Assert.Equal(expected, VietnameseText.HasDiacritics(text));

    [Fact]
    public void Today_is_the_local_date_in_Ho_Chi_Minh_City()
    {
        var lateUtcEvening = new DateTimeOffset(2026, 11, 30, 18, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 12, 1), VietnamTime.DateOf(lateUtcEvening));
    }
}
