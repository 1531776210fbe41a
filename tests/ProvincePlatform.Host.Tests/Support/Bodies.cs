namespace ProvincePlatform.Host.Tests.Support;

/// <summary>Valid request bodies of the contract, as objects serialized with <see cref="HttpJson.Options"/>.</summary>
public static class Bodies
{
    public const string ServiceCode = "birthRegistration";
    public const string FullName = "Nguyễn Thị Thu";
    public const string Phone = "0905123456";

    public static readonly string[] EveryDay = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    /// <summary>One opening period, every day unless told otherwise.</summary>
    public static object Period(string start, string end, int? slotMinutes = null, string[]? days = null) =>
        new { days = days ?? EveryDay, start, end, slotMinutes };

    /// <summary>A village house with the given computers, open every evening 19:00–20:00 unless told otherwise.</summary>
    public static object HelpPoint(int computers, params object[] openingHours) => new
    {
        name = "Nhà văn hóa thôn Thử Nghiệm",
        kind = "villageHouse",
        address = "Thôn 1, xã Đại Thạnh, huyện Đại Lộc, Quảng Nam",
        computers,
        openingHours = openingHours.Length == 0 ? [Period("19:00", "20:00")] : openingHours,
    };

    public static object Citizen(string idNumber) => new { idNumber, fullName = FullName, phone = Phone };

    public static object Booking(string idNumber, bool? waitlist = null) =>
        new { citizen = Citizen(idNumber), serviceCode = ServiceCode, waitlist };

    public static object WalkIn(string idNumber) => new { citizen = Citizen(idNumber), serviceCode = ServiceCode };

    public static object Closure(DateOnly date, string reason = "Mất điện / Power cut") =>
        new { date = GatewayTest.DateText(date), reason };

    /// <summary>A complete birth registration form: every required field, each shaped as the catalogue asks.</summary>
    public static Dictionary<string, string> BirthForm() => new()
    {
        ["childFullName"] = "Nguyễn Minh An",
        ["childBirthDate"] = "2026-11-20",
        ["childSex"] = "male",
        ["birthPlace"] = "Trạm y tế xã Đại Thạnh",
        ["motherFullName"] = FullName,
        ["applicantRelationship"] = "mother",
    };

    /// <summary>A new birth registration, with a complete form unless told otherwise.</summary>
    public static object Request(string idNumber, IReadOnlyDictionary<string, string>? form = null, string? bookingId = null) =>
        new { citizen = Citizen(idNumber), serviceCode = ServiceCode, bookingId, form = form ?? BirthForm() };
}
