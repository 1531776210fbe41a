using System.Collections.Frozen;
using System.Collections.Immutable;

namespace ProvincePlatform.Grains.Services;

public enum OnlineLevel
{
    /// <summary>Filed and decided online end to end (dịch vụ công trực tuyến toàn trình).</summary>
    Full,

    /// <summary>Filed online, finished in person (dịch vụ công trực tuyến một phần).</summary>
    Partial,
}

/// <summary>A public service that a help point guides citizens to file online.</summary>
public sealed record PublicService(string Code, string Name, string NameEn, OnlineLevel OnlineLevel, ImmutableArray<FormField> Fields)
{
    public FormField? Field(string name) => Fields.FirstOrDefault(field => field.Name == name);
}

/// <summary>The public services the platform knows, by code.</summary>
public static class ServiceCatalogue
{
    public static IReadOnlyList<PublicService> All { get; } =
    [
        new("birthRegistration", "Đăng ký khai sinh", "Birth registration", OnlineLevel.Full,
        [
            FormField.Text("childFullName", "Họ tên trẻ", "Child's full name", required: true, maxLength: 100),
            FormField.Date("childBirthDate", "Ngày sinh", "Date of birth", required: true),
            FormField.Choice("childSex", "Giới tính", "Sex", required: true, "male", "female"),
            FormField.Text("birthPlace", "Nơi sinh", "Place of birth", required: true),
            FormField.Text("motherFullName", "Họ tên mẹ", "Mother's full name", required: true, maxLength: 100),
            FormField.Text("fatherFullName", "Họ tên cha", "Father's full name", required: false, maxLength: 100),
            FormField.Choice("applicantRelationship", "Quan hệ với trẻ", "Relationship to the child", required: true, "mother", "father", "grandparent", "other"),
        ]),
        new("temporaryResidence", "Đăng ký tạm trú", "Temporary residence registration", OnlineLevel.Full,
        [
            FormField.Text("address", "Địa chỉ tạm trú", "Temporary address", required: true),
            FormField.Date("fromDate", "Từ ngày", "From", required: true),
            FormField.Date("toDate", "Đến ngày", "Until", required: true),
            FormField.Text("reason", "Lý do", "Reason", required: true),
            FormField.Text("hostFullName", "Họ tên chủ hộ / chủ nhà", "Host's full name", required: false, maxLength: 100),
        ]),
        new("permanentResidence", "Đăng ký thường trú", "Permanent residence registration", OnlineLevel.Full,
        [
            FormField.Text("address", "Địa chỉ thường trú", "Permanent address", required: true),
            FormField.Text("householdHeadFullName", "Họ tên chủ hộ", "Head of household", required: true, maxLength: 100),
            FormField.Choice("relationshipToHead", "Quan hệ với chủ hộ", "Relationship to the head", required: true, "self", "spouse", "child", "parent", "other"),
        ]),
        new("oldIdConfirmation", "Xác nhận số Chứng minh nhân dân 9 số", "Confirmation of the old 9-digit ID number", OnlineLevel.Full,
        [
            FormField.Digits("oldIdNumber", "Số CMND 9 số", "Old 9-digit ID number", required: true, count: 9),
            FormField.Text("purpose", "Mục đích", "Purpose", required: false),
        ]),
        new("deathRegistration", "Đăng ký khai tử", "Death registration", OnlineLevel.Partial,
        [
            FormField.Text("deceasedFullName", "Họ tên người chết", "Deceased's full name", required: true, maxLength: 100),
            FormField.Date("dateOfDeath", "Ngày chết", "Date of death", required: true),
            FormField.Text("placeOfDeath", "Nơi chết", "Place of death", required: true),
            FormField.Text("applicantRelationship", "Quan hệ với người chết", "Relationship to the deceased", required: true, maxLength: 50),
        ]),
        new("marriageRegistration", "Đăng ký kết hôn", "Marriage registration", OnlineLevel.Partial,
        [
            FormField.Text("partnerFullName", "Họ tên người kia", "Partner's full name", required: true, maxLength: 100),
            FormField.Date("partnerBirthDate", "Ngày sinh người kia", "Partner's date of birth", required: true),
            FormField.Digits("partnerIdNumber", "Số CCCD người kia", "Partner's ID number", required: true, count: 12),
            FormField.Text("residence", "Nơi cư trú", "Residence", required: true),
        ]),
        new("criminalRecord", "Cấp phiếu lý lịch tư pháp", "Criminal record certificate", OnlineLevel.Full,
        [
            FormField.Choice("certificateType", "Loại phiếu", "Certificate type", required: true, "1", "2"),
            FormField.Text("purpose", "Mục đích sử dụng", "Purpose", required: true),
            FormField.Number("copies", "Số bản", "Copies", required: true, min: 1, max: 10),
        ]),
    ];

    private static readonly FrozenDictionary<string, PublicService> s_byCode =
        All.ToFrozenDictionary(service => service.Code, StringComparer.Ordinal);

    public static bool Contains(string code) => s_byCode.ContainsKey(code);

    public static PublicService? Find(string code) => s_byCode.GetValueOrDefault(code);
}
