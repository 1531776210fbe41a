namespace ProvincePlatform.Contracts.Bookings;

[GenerateSerializer, Alias("pp.BookingStatus")]
public enum BookingStatus
{
    Confirmed,
    Waitlisted,
    Cancelled,
    CancelledByHelpPoint,
    CheckedIn,
    NoShow,
}
