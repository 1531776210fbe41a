using System.Text;
using ProvincePlatform.Contracts.HelpPoints;

namespace ProvincePlatform.Host.HelpPoints;

public sealed record ClosureBody(DateOnly? Date, string? Reason)
{
    public const int MaxReasonLength = 200;

    /// <summary>How far ahead a closure may be declared.</summary>
    public const int MaxDaysAhead = 366;

    public Closure? ToClosure(DateOnly today, out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (Date is not { } date)
        {
            errors["date"] = ["Bắt buộc, dạng yyyy-MM-dd / Required, as yyyy-MM-dd."];
        }
        else if (date > today.AddDays(MaxDaysAhead))
        {
            errors["date"] = [$"Tối đa {MaxDaysAhead} ngày tới / At most {MaxDaysAhead} days ahead."];
        }

        var reason = Reason?.Trim().Normalize(NormalizationForm.FormC);
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength || reason.Any(char.IsControl))
        {
            errors["reason"] = [$"Bắt buộc, tối đa {MaxReasonLength} ký tự / Required, at most {MaxReasonLength} characters."];
        }

        return errors.Count == 0 ? new Closure(Date!.Value, reason!) : null;
    }
}
