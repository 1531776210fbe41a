using System.Globalization;
using ProvincePlatform.Portal.Simulation;

namespace ProvincePlatform.PortalSimulator.Apis;

/// <summary>What a portal route needs to answer as the portal would: the simulation and the exchange it answers.</summary>
public sealed record SimulatorCall(PortalSimulation Simulation, HttpContext HttpContext, IHostApplicationLifetime Lifetime)
{
    /// <summary>
    /// Puts a simulated answer into HTTP after the configured latency. A timed-out answer is held for the configured
    /// time-out delay and then the connection is dropped, so that the caller never learns that the effect happened.
    /// </summary>
    public async Task<IResult> AnswerAsync<T>(SimulatedAnswer<T> answer, Func<T, IResult> success)
    {
        var options = Simulation.Options;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(HttpContext.RequestAborted, Lifetime.ApplicationStopping);
        try
        {
            if (answer.Outcome == SimulatedOutcome.TimedOut)
            {
                await Task.Delay(options.TimeoutDelay, stop.Token);
                HttpContext.Abort();
                return TypedResults.Empty;
            }

            if (options.Latency > TimeSpan.Zero)
            {
                await Task.Delay(options.Latency, stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            HttpContext.Abort();
            return TypedResults.Empty;
        }

        return answer.Outcome switch
        {
            SimulatedOutcome.Ok => success(answer.Value!),
            SimulatedOutcome.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", answer.Reason),
            SimulatedOutcome.Conflict => Problem(StatusCodes.Status409Conflict, "Conflict", answer.Reason),
            SimulatedOutcome.Refused => Problem(StatusCodes.Status422UnprocessableEntity, "Refused", answer.Reason),
            SimulatedOutcome.Throttled => Throttled(answer.RetryAfter ?? options.ThrottleRetryAfter, answer.Reason),
            _ => Problem(StatusCodes.Status503ServiceUnavailable, "Unavailable", answer.Reason),
        };
    }

    public static IResult Problem(int status, string title, string? detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    private IResult Throttled(TimeSpan retryAfter, string? reason)
    {
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status429TooManyRequests, "Too many requests", reason);
    }
}
