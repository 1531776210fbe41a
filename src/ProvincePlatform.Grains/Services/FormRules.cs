using System.Globalization;

namespace ProvincePlatform.Grains.Services;

/// <summary>
/// Checks a service's form. Drafts may be incomplete, so a draft is checked only for what it holds (no unknown
/// fields, each value of its field's type); a submission must also hold every required field. Errors are keyed
/// <c>form.{field}</c> and never repeat the value, which may be personal data.
/// </summary>
public static class FormRules
{
    public const int MaxFields = 50;
    public const int MaxValueLength = 1000;

    public static Dictionary<string, string> CheckDraft(PublicService service, IReadOnlyDictionary<string, string> form)
    {
        var errors = new Dictionary<string, string>();
        if (form.Count > MaxFields)
        {
            errors["form"] = $"Tối đa {MaxFields} trường / At most {MaxFields} fields.";
            return errors;
        }

        foreach (var (name, value) in form)
        {
            if (service.Field(name) is not { } field)
            {
                errors[$"form.{name}"] = "Trường không có trong biểu mẫu của dịch vụ / Not a field of this service's form.";
            }
            else if (CheckValue(field, value) is { } error)
            {
                errors[$"form.{name}"] = error;
            }
        }

        return errors;
    }

    public static Dictionary<string, string> CheckComplete(PublicService service, IReadOnlyDictionary<string, string> form)
    {
        var errors = CheckDraft(service, form);
        foreach (var field in service.Fields.Where(field => field.Required && !form.ContainsKey(field.Name)))
        {
            errors[$"form.{field.Name}"] = "Bắt buộc / Required.";
        }

        return errors;
    }

    private static string? CheckValue(FormField field, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "Không được để trống / Must not be blank.";
        }

        if (value.Length > Math.Min(field.MaxLength ?? MaxValueLength, MaxValueLength) && field.Type != FormFieldType.Digits)
        {
            return $"Tối đa {field.MaxLength ?? MaxValueLength} ký tự / At most {field.MaxLength ?? MaxValueLength} characters.";
        }

        if (value.Any(char.IsControl))
        {
            return "Không được chứa ký tự điều khiển / Control characters are not allowed.";
        }

        return field.Type switch
        {
            FormFieldType.Date when !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) =>
                "Ngày dạng yyyy-MM-dd / A date as yyyy-MM-dd.",
            FormFieldType.Number when !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || number < field.Min || number > field.Max =>
                $"Số nguyên từ {field.Min} đến {field.Max} / A whole number from {field.Min} to {field.Max}.",
            FormFieldType.Choice when !field.Options.Contains(value) =>
                $"Một trong / One of: {string.Join(", ", field.Options)}.",
            FormFieldType.Digits when value.Length != field.MaxLength || !value.All(char.IsAsciiDigit) =>
                $"Gồm đúng {field.MaxLength} chữ số / Exactly {field.MaxLength} digits.",
            _ => null,
        };
    }
}
