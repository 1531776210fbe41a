using System.Collections.Immutable;

namespace ProvincePlatform.Grains.Services;

public enum FormFieldType
{
    Text,
    Date,
    Number,
    Choice,
    Digits,
}

/// <summary>One field of a service's form. Values travel as strings; the type says what a string must look like.</summary>
/// <param name="MaxLength">For text, the most characters; for digits, the exact count.</param>
/// <param name="Min">For numbers, the smallest value.</param>
/// <param name="Max">For numbers, the largest value.</param>
public sealed record FormField(
    string Name,
    string Label,
    string LabelEn,
    FormFieldType Type,
    bool Required,
    int? MaxLength = null,
    int? Min = null,
    int? Max = null,
    ImmutableArray<string> Options = default)
{
    public static FormField Text(string name, string label, string labelEn, bool required, int maxLength = 200) =>
        new(name, label, labelEn, FormFieldType.Text, required, MaxLength: maxLength);

    public static FormField Date(string name, string label, string labelEn, bool required) =>
        new(name, label, labelEn, FormFieldType.Date, required);

    public static FormField Number(string name, string label, string labelEn, bool required, int min, int max) =>
        new(name, label, labelEn, FormFieldType.Number, required, Min: min, Max: max);

    public static FormField Choice(string name, string label, string labelEn, bool required, params string[] options) =>
        new(name, label, labelEn, FormFieldType.Choice, required, Options: [.. options]);

    public static FormField Digits(string name, string label, string labelEn, bool required, int count) =>
        new(name, label, labelEn, FormFieldType.Digits, required, MaxLength: count);
}
