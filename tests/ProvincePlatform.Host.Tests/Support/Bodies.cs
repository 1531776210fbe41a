namespace ProvincePlatform.Host.Tests.Support;

/// <summary>Valid request bodies of the contract, as objects serialized with <see cref="HttpJson.Options"/>.</summary>
public static class Bodies
{
    public const string ServiceCode = "birthRegistration";
    public const string FullName = "Nguyễn Thị Thu";
    public const string Phone = "0905123456";

    public static readonly string[] EveryDay = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public static readonly string[] Weekdays = ["mon", "tue", "wed", "thu", "fri"];

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

    /// <summary>
    /// The model of Xã Đại Thạnh as a rollout template: the commune office with 3 computers in office hours, unless
    /// left out, and village houses with 6 computers each, every evening 19:00–20:00.
    /// </summary>
    public static object RolloutTemplate(int villageHouses = 5, bool communeOffice = true) => new
    {
        communeOffice = communeOffice
            ? new { computers = 3, openingHours = new[] { Period("07:30", "11:30", days: Weekdays), Period("13:30", "17:00", days: Weekdays) } }
            : null,
        villageHouses = new { count = villageHouses, computers = 6, openingHours = new[] { Period("19:00", "20:00") } },
    };

    /// <summary>
    /// A province rollout of the named communes from a template, Đại Thạnh's unless told otherwise. There is no
    /// helper for a rollout of the whole register: it would provision communes that other tests count on.
    /// </summary>
    public static object Rollout(IEnumerable<string> communeCodes, object? template = null) =>
        new { communeCodes, template = template ?? RolloutTemplate() };

    /// <summary>A province rollout of every commune of a district from Đại Thạnh's template.</summary>
    public static object DistrictRollout(string district) => new { district, template = RolloutTemplate() };

    public static object RolloutStage(string stage, string? note = null) => new { stage, note };
}
