using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Grains.Services;

namespace ProvincePlatform.Host.Bookings;

/// <summary>The body of a booking: <c>{citizen, serviceCode, waitlist?}</c>.</summary>
public sealed record BookingBody(CitizenBody? Citizen, string? ServiceCode, bool? Waitlist)
{
    public BookingRequest? ToRequest(DateOnly today, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var citizen = CitizenBody.Read(Citizen, "citizen", today, errors);
        var serviceCode = ServiceCodes.Read(ServiceCode, errors);
        return errors.Count == 0 ? new BookingRequest(citizen!, serviceCode!, Waitlist ?? false) : null;
    }
}

/// <summary>The body of a walk-in: <c>{citizen, serviceCode}</c>.</summary>
public sealed record WalkInBody(CitizenBody? Citizen, string? ServiceCode)
{
    public WalkInRequest? ToRequest(DateOnly today, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var citizen = CitizenBody.Read(Citizen, "citizen", today, errors);
        var serviceCode = ServiceCodes.Read(ServiceCode, errors);
        return errors.Count == 0 ? new WalkInRequest(citizen!, serviceCode!) : null;
    }
}

internal static class ServiceCodes
{
    public static string? Read(string? serviceCode, Dictionary<string, string[]> errors)
    {
        if (serviceCode is not null && ServiceCatalogue.Contains(serviceCode))
        {
            return serviceCode;
        }

        errors["serviceCode"] = [$"Một trong / One of: {string.Join(", ", ServiceCatalogue.All.Select(service => service.Code))}."];
        return null;
    }
}
