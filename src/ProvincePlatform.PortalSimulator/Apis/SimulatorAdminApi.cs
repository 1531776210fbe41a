using ProvincePlatform.Portal.Simulation;

namespace ProvincePlatform.PortalSimulator.Apis;

/// <summary>The operator's routes: inspect the dossiers, change the settings, advance the clock, script faults.</summary>
public static class SimulatorAdminApi
{
    private const double MaxAdvanceHours = 3660 * 24;

    public static IEndpointRouteBuilder MapSimulatorAdminApi(this IEndpointRouteBuilder routes)
    {
        var simulator = routes.MapGroup("/simulator").WithTags("Simulator");
        simulator.MapGet("/dossiers", (PortalSimulation simulation) => TypedResults.Ok(simulation.All()))
            .WithName("ListSimulatedDossiers").WithSummary("Every dossier filed, in filing order.");
        simulator.MapGet("/settings", (PortalSimulation simulation) => TypedResults.Ok(simulation.Options))
            .WithName("GetSimulatorSettings").WithSummary("The settings in force.");
        simulator.MapPut("/settings", UpdateSettings)
            .WithName("UpdateSimulatorSettings").WithSummary("Changes the settings given; the others stay.");
        simulator.MapGet("/clock", (AdjustableTimeProvider clock) => TypedResults.Ok(ClockState.Of(clock)))
            .WithName("GetSimulatorClock").WithSummary("The simulated time and how far it is ahead of real time.");
        simulator.MapPost("/clock/advance", AdvanceClock)
            .WithName("AdvanceSimulatorClock").WithSummary("Moves the simulated time forward.");
        simulator.MapPost("/faults", InjectFaults)
            .WithName("InjectSimulatorFaults").WithSummary("Makes the next calls answer a given fault.");
        simulator.MapGet("/calls", (PortalSimulation simulation) => TypedResults.Ok(simulation.CallCounts()))
            .WithName("CountSimulatorCalls").WithSummary("The portal calls so far by kind and outcome.");
        return routes;
    }

    public static IResult UpdateSettings(SimulatorSettingsUpdate update, PortalSimulation simulation)
    {
        try
        {
            return TypedResults.Ok(simulation.Configure(update.ApplyTo));
        }
        catch (ArgumentException exception)
        {
            return SimulatorCall.Problem(StatusCodes.Status400BadRequest, "Invalid settings", exception.Message);
        }
    }

    public static IResult AdvanceClock(ClockAdvance advance, AdjustableTimeProvider clock)
    {
        var hours = advance.Days * 24 + (advance.Hours ?? 0);
        if (!double.IsFinite(hours) || hours is < 0 or > MaxAdvanceHours)
        {
            return SimulatorCall.Problem(StatusCodes.Status400BadRequest, "Invalid advance",
                $"The clock moves forward, by at most {MaxAdvanceHours / 24} days at a time.");
        }

        var by = TimeSpan.FromHours(hours);

        clock.Advance(by);
        return TypedResults.Ok(ClockState.Of(clock));
    }

    public static IResult InjectFaults(FaultInjection injection, PortalSimulation simulation)
    {
        try
        {
            simulation.InjectFaults(injection.Fault, injection.Count);
            return TypedResults.NoContent();
        }
        catch (ArgumentException exception)
        {
            return SimulatorCall.Problem(StatusCodes.Status400BadRequest, "Invalid fault", exception.Message);
        }
    }
}

/// <summary>The body of <c>PUT /simulator/settings</c>: only the settings given change.</summary>
public sealed class SimulatorSettingsUpdate
{
    public int? Seed { get; init; }

    public TimeSpan? ProcessingStartsAfter { get; init; }

    public TimeSpan? DecisionAfter { get; init; }

    public double? RejectionRate { get; init; }

    public double? SupplementRate { get; init; }

    public double? FailureRate { get; init; }

    public double? ThrottleRate { get; init; }

    public double? TimeoutRate { get; init; }

    public double? RefusalRate { get; init; }

    public TimeSpan? Latency { get; init; }

    public TimeSpan? TimeoutDelay { get; init; }

    public TimeSpan? ThrottleRetryAfter { get; init; }

    public void ApplyTo(PortalSimulationOptions options)
    {
        options.Seed = Seed ?? options.Seed;
        options.ProcessingStartsAfter = ProcessingStartsAfter ?? options.ProcessingStartsAfter;
        options.DecisionAfter = DecisionAfter ?? options.DecisionAfter;
        options.RejectionRate = RejectionRate ?? options.RejectionRate;
        options.SupplementRate = SupplementRate ?? options.SupplementRate;
        options.FailureRate = FailureRate ?? options.FailureRate;
        options.ThrottleRate = ThrottleRate ?? options.ThrottleRate;
        options.TimeoutRate = TimeoutRate ?? options.TimeoutRate;
        options.RefusalRate = RefusalRate ?? options.RefusalRate;
        options.Latency = Latency ?? options.Latency;
        options.TimeoutDelay = TimeoutDelay ?? options.TimeoutDelay;
        options.ThrottleRetryAfter = ThrottleRetryAfter ?? options.ThrottleRetryAfter;
    }
}

/// <summary>The body of <c>POST /simulator/clock/advance</c>.</summary>
public sealed record ClockAdvance(double Days, double? Hours = null);

/// <summary>The simulated time.</summary>
public sealed record ClockState(DateTimeOffset Now, TimeSpan Offset)
{
    public static ClockState Of(AdjustableTimeProvider clock) => new(clock.GetUtcNow(), clock.Offset);
}

/// <summary>The body of <c>POST /simulator/faults</c>: the next <paramref name="Count"/> portal calls answer <paramref name="Fault"/>.</summary>
public sealed record FaultInjection(SimulatedOutcome Fault, int Count = 1);
