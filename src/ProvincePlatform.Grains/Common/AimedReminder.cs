using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ProvincePlatform.Grains.Common;

/// <summary>
/// Keeps one reminder of a grain aimed at the grain's next deadline, and released when it has none. Reminders are
/// durable, so a deadline survives deactivation and silo failure; the reminder's period is only a backstop, since
/// every tick re-aims it. Re-registering costs a storage write, so an aim already in place is not repeated.
/// </summary>
public sealed partial class AimedReminder(string name, TimeSpan backstop)
{
    private static readonly TimeSpan s_minimumDelay = TimeSpan.FromSeconds(1);

    // Where the reminder is known to be aimed; null until this activation has aimed it (a stored reminder may exist).
    private Aim? _aim;

    public string Name => name;

    /// <summary>Forgets the known aim: after a tick the reminder has moved on by its period.</summary>
    public void Forget() => _aim = null;

    public async Task AimAsync(Grain grain, DateTimeOffset? due, DateTimeOffset now)
    {
        if (_aim is { } aim && aim.At == due)
        {
            return;
        }

        if (due is { } at)
        {
            var delay = at - now < s_minimumDelay ? s_minimumDelay : at - now;
            // A missed tick (its silo died, or the grain could not be reached) comes again one period later, so the
            // period follows the wait, between Orleans' minimum and the backstop, rather than always the backstop.
            var minimum = grain.GrainContext.ActivationServices.GetRequiredService<IOptions<ReminderOptions>>().Value.MinimumReminderPeriod;
            var period = delay < minimum ? minimum : delay > backstop ? backstop : delay;
            await grain.RegisterOrUpdateReminder(name, delay, period);
        }
        else if (await grain.GetReminder(name) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }

        _aim = new Aim(due);
    }

    /// <summary>
    /// Aims the reminder after a change that is already stored: a failure (the reminder table is briefly unreachable)
    /// must not turn that change into an error the caller would retry, so it is logged and the aim forgotten, to be
    /// made again by the grain's next write, tick or activation.
    /// </summary>
    public async Task AimOrLogAsync(Grain grain, DateTimeOffset? due, DateTimeOffset now, ILogger logger)
    {
        try
        {
            await AimAsync(grain, due, now);
        }
#pragma warning disable CA1031 // Whatever kept the reminder table from answering, the stored change stands.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            _aim = null;
            LogNotAimed(logger, exception, name, grain.GetGrainId().ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {ReminderName} of {GrainId} was not aimed; it will be with the grain's next change, tick or activation")]
    private static partial void LogNotAimed(ILogger logger, Exception exception, string reminderName, string grainId);

    private sealed record Aim(DateTimeOffset? At);
}
