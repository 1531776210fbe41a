using System.Collections.Frozen;

namespace ProvincePlatform.Grains.Services;

/// <summary>A public service that a help point guides citizens to file online.</summary>
public sealed record PublicService(string Code, string Name, string NameEn);

/// <summary>The public services the platform knows, by code.</summary>
public static class ServiceCatalogue
{
    public static IReadOnlyList<PublicService> All { get; } =
    [
        new("birthRegistration", "Đăng ký khai sinh", "Birth registration"),
        new("temporaryResidence", "Đăng ký tạm trú", "Temporary residence registration"),
        new("permanentResidence", "Đăng ký thường trú", "Permanent residence registration"),
        new("oldIdConfirmation", "Xác nhận số Chứng minh nhân dân 9 số", "Confirmation of the old 9-digit ID number"),
        new("deathRegistration", "Đăng ký khai tử", "Death registration"),
        new("marriageRegistration", "Đăng ký kết hôn", "Marriage registration"),
        new("criminalRecord", "Cấp phiếu lý lịch tư pháp", "Criminal record certificate"),
    ];

    private static readonly FrozenDictionary<string, PublicService> s_byCode =
        All.ToFrozenDictionary(service => service.Code, StringComparer.Ordinal);

    public static bool Contains(string code) => s_byCode.ContainsKey(code);
}
