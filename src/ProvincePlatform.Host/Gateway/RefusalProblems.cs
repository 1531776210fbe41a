using ProvincePlatform.Contracts.Common;

namespace ProvincePlatform.Host.Gateway;

/// <summary>The problem each grain refusal becomes at the gateway.</summary>
public static class RefusalProblems
{
    public static ProblemType For(RefusalCode code) => code switch
    {
        RefusalCode.HelpPointNotFound => new(404, "help-point-not-found", "Không tìm thấy điểm hỗ trợ / Help point not found"),
        RefusalCode.SessionNotFound => new(404, "session-not-found", "Không có phiên này trong lịch / Session not in the schedule"),
        RefusalCode.BookingNotFound => new(404, "booking-not-found", "Không tìm thấy lượt đặt chỗ / Booking not found"),
        RefusalCode.SessionFull => new(409, "session-full", "Phiên đã hết chỗ / The session is full"),
        RefusalCode.WaitlistFull => new(409, "waitlist-full", "Danh sách chờ của phiên đã đầy / The session's waitlist is full"),
        RefusalCode.AlreadyBooked => new(409, "already-booked", "Công dân đã có chỗ trong phiên này / The citizen already holds a place in this session"),
        RefusalCode.SessionStarted => new(409, "session-started", "Phiên đã bắt đầu hoặc đã kết thúc / The session has started or is over"),
        RefusalCode.SessionClosed => new(409, "session-closed", "Điểm hỗ trợ nghỉ ngày này / The help point is closed that day"),
        RefusalCode.BookingNotYetOpen => new(409, "booking-not-yet-open", "Phiên chưa mở đặt chỗ / The session is not yet open for booking"),
        RefusalCode.NoFreeSeat => new(409, "no-free-seat", "Không còn máy trống / No computer is free"),
        RefusalCode.NotDuringSession => new(409, "not-during-session", "Chỉ nhận người đến trực tiếp trong giờ của phiên / Walk-ins only during the session"),
        RefusalCode.CheckInNotOnSessionDate => new(409, "check-in-not-on-session-date", "Chỉ điểm danh trong ngày của phiên / Check-in only on the session's date"),
        RefusalCode.BookingNotActive => new(409, "booking-not-active", "Trạng thái lượt đặt chỗ không cho phép thao tác này / The booking's status does not allow this"),
        RefusalCode.CapacityBelowBookings => new(409, "capacity-below-bookings", "Số máy ít hơn số chỗ đã xác nhận / Fewer computers than confirmed bookings"),
        RefusalCode.ScheduleDropsBookedSession => new(409, "schedule-drops-booked-session", "Giờ mở cửa mới bỏ mất phiên đã có người đặt / The new hours drop a booked session"),
        RefusalCode.DateAlreadyClosed => new(409, "date-already-closed", "Ngày này đã được đánh dấu nghỉ / That date is already closed"),
        RefusalCode.DateInPast => new(400, "date-in-past", "Ngày đã qua / The date is in the past"),
        RefusalCode.RequestNotFound => new(404, "request-not-found", "Không tìm thấy hồ sơ / Request not found"),
        RefusalCode.RequestNotEditable => new(409, "request-not-editable", "Hồ sơ không còn sửa được / The request can no longer be edited"),
        RefusalCode.RequestNotSubmittable => new(409, "request-not-submittable", "Hồ sơ không nộp được ở trạng thái này / The request cannot be submitted in its status"),
        RefusalCode.FormIncomplete => new(400, "form-incomplete", "Biểu mẫu còn thiếu hoặc sai / The form is incomplete or invalid"),
        RefusalCode.BookingNotForRequest => new(400, "booking-not-for-request", "Lượt đặt chỗ không thuộc công dân hoặc xã này / The booking is not this citizen's in this commune"),
        RefusalCode.RolloutStageNotAllowed => new(409, "rollout-stage-not-allowed", "Không chuyển được sang giai đoạn này / The commune cannot move to this stage"),
        _ => ProblemType.Unexpected,
    };
}
