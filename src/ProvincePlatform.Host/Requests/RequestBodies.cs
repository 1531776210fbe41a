using System.Collections.Immutable;
using System.Text;
using ProvincePlatform.Contracts.Requests;
using ProvincePlatform.Grains.Services;
using ProvincePlatform.Host.Bookings;

namespace ProvincePlatform.Host.Requests;

/// <summary>The body of a new request: <c>{citizen, serviceCode, bookingId?, form?}</c>; form values are strings.</summary>
public sealed record NewRequestBody(CitizenBody? Citizen, string? ServiceCode, string? BookingId, IReadOnlyDictionary<string, string>? Form)
{
    public NewRequest? ToRequest(string communeCode, DateOnly today, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var citizen = CitizenBody.Read(Citizen, "citizen", today, errors);
        var serviceCode = ServiceCodes.Read(ServiceCode, errors);
        if (BookingId is { Length: > 100 })
        {
            errors["bookingId"] = ["Tối đa 100 ký tự / At most 100 characters."];
        }

        var form = FormBody.Read(serviceCode, Form ?? ImmutableDictionary<string, string>.Empty, errors);
        return errors.Count == 0 ? new NewRequest(communeCode, citizen!, serviceCode!, BookingId, form) : null;
    }
}

public static class FormBody
{
    /// <summary>The form in NFC, checked as a draft of the service's form; errors keyed <c>form.{field}</c>.</summary>
    public static ImmutableDictionary<string, string> Read(
        string? serviceCode, IReadOnlyDictionary<string, string> form, Dictionary<string, string[]> errors)
    {
        var normalized = form.ToImmutableDictionary(pair => pair.Key, pair => (pair.Value ?? string.Empty).Trim().Normalize(NormalizationForm.FormC));
        if (serviceCode is not null && ServiceCatalogue.Find(serviceCode) is { } service)
        {
            foreach (var (field, message) in FormRules.CheckDraft(service, normalized))
            {
                errors[field] = [message];
            }
        }

        return normalized;
    }
}

public sealed record LookupBody(string? IdNumber);
