namespace ProvincePlatform.Contracts.Common;

[GenerateSerializer, Alias("pp.RefusalCode")]
public enum RefusalCode
{
    HelpPointNotFound,
    SessionNotFound,
    BookingNotFound,
    SessionFull,
    AlreadyBooked,
    SessionStarted,
    SessionClosed,
    BookingNotYetOpen,
    NoFreeSeat,
    NotDuringSession,
    CheckInNotOnSessionDate,
    BookingNotActive,
    CapacityBelowBookings,
    ScheduleDropsBookedSession,
    DateAlreadyClosed,
    DateInPast,
    RequestNotFound,
    RequestNotEditable,
    RequestNotSubmittable,
    FormIncomplete,
    BookingNotForRequest,
    RolloutStageNotAllowed,
    WaitlistFull,
}
