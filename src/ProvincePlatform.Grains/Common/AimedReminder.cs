using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ProvincePlatform.Grains.Common;

/// <summary>
/// Keeps one reminder of a grain aimed at the grain's next deadline, and released when it has none. Reminders are
/// durable, so a deadline survives deactivation and silo failure; the reminder's period is only a backstop, since
/// every tick re-aims it. Re-registering costs a storage write, so an aim already in place is not repeated.
/// </summary>
public sealed class AimedReminder(string name, TimeSpan backstop)
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

    private sealed record Aim(DateTimeOffset? At);
}
