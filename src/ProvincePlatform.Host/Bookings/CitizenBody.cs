using System.Text;
using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Grains.Citizens;

namespace ProvincePlatform.Host.Bookings;

/// <summary>A citizen's details in a request or response. Personal data: <see cref="ToString"/> withholds them.</summary>
public sealed record CitizenBody(string? IdNumber, string? FullName, string? Phone)
{
    public override string ToString() => "CitizenBody { (personal data withheld) }";

    /// <summary>The citizen, or errors keyed <c>{prefix}.idNumber</c> and so on.</summary>
    public static Citizen? Read(CitizenBody? body, string prefix, DateOnly today, Dictionary<string, string[]> errors)
    {
        if (body is null)
        {
            errors[prefix] = ["Bắt buộc / Required."];
            return null;
        }

        var fullName = body.FullName?.Trim().Normalize(NormalizationForm.FormC);
        var before = errors.Count;
        Check(errors, $"{prefix}.idNumber", CitizenRules.CheckIdNumber(body.IdNumber, today));
        Check(errors, $"{prefix}.fullName", CitizenRules.CheckFullName(fullName));
        Check(errors, $"{prefix}.phone", CitizenRules.CheckPhone(body.Phone));
        return errors.Count == before ? new Citizen(body.IdNumber!, fullName!, body.Phone!) : null;
    }

    private static void Check(Dictionary<string, string[]> errors, string field, string? error)
    {
        if (error is not null)
        {
            errors[field] = [error];
        }
    }
}
