using ProvincePlatform.Contracts.Bookings;
using ProvincePlatform.Grains.Citizens;
using ProvincePlatform.Host.Audit;

namespace ProvincePlatform.Host.Bookings;

/// <summary>The answer to a new booking or walk-in.</summary>
public sealed record BookingPlacedResponse(string Id, BookingStatus Status, int? Position) : ICreatedResource
{
    public static BookingPlacedResponse From(BookingView booking) => new(booking.Id, booking.Status, booking.Position);
}

/// <summary>A booking as a portal reads it; the ID number is masked to its last three digits.</summary>
public sealed record BookingResponse(
    string Id,
    string HelpPointId,
    string SessionId,
    BookingStatus Status,
    string ServiceCode,
    CitizenBody Citizen,
    int? Position,
    bool WalkIn)
{
    public static BookingResponse From(BookingView booking) => new(
        booking.Id,
        booking.HelpPointId,
        booking.SessionId,
        booking.Status,
        booking.ServiceCode,
        new CitizenBody(CitizenRules.MaskIdNumber(booking.Citizen.IdNumber), booking.Citizen.FullName, booking.Citizen.Phone),
        booking.Position,
        booking.WalkIn);
}
