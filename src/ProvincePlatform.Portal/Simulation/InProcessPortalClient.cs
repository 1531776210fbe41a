namespace ProvincePlatform.Portal.Simulation;

/// <summary>
/// The portal client of the embedded default: calls the <see cref="PortalSimulation"/> in the same process and
/// turns its answers into <see cref="PortalResult{T}"/>s as the HTTP client would. A call that the caller cancels
/// during the simulated latency has had no effect and throws <see cref="OperationCanceledException"/>.
/// </summary>
/// <param name="latencyClock">The clock of the simulated latency: real time (<see cref="TimeProvider.System"/>) unless a test says otherwise.</param>
public sealed class InProcessPortalClient(PortalSimulation simulation, TimeProvider? latencyClock = null) : IPortalClient
{
    private readonly TimeProvider _latencyClock = latencyClock ?? TimeProvider.System;

    public Task<PortalResult<PortalDossierState>> SubmitAsync(PortalDossier dossier, CancellationToken cancellationToken) =>
        CallAsync(() => simulation.Submit(dossier), static state => state, hasEffect: true, cancellationToken);

    public Task<PortalResult<PortalDossierState?>> FindByClientReferenceAsync(string clientReference, CancellationToken cancellationToken) =>
        CallAsync(() => simulation.FindByClientReference(clientReference), static found => found.Count > 0 ? found[0] : null,
            hasEffect: false, cancellationToken);

    public Task<PortalResult<PortalDossierState>> GetStatusAsync(string receipt, CancellationToken cancellationToken) =>
        CallAsync(() => simulation.Get(receipt), static state => state, hasEffect: false, cancellationToken);

    public Task<PortalResult<PortalDossierState>> SubmitSupplementAsync(
        string receipt, string clientReference, IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken) =>
        CallAsync(() => simulation.Supplement(receipt, clientReference, form), static state => state, hasEffect: true, cancellationToken);

    private async Task<PortalResult<TResult>> CallAsync<TAnswer, TResult>(
        Func<SimulatedAnswer<TAnswer>> call, Func<TAnswer, TResult> map, bool hasEffect, CancellationToken cancellationToken)
    {
        var latency = simulation.Options.Latency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, _latencyClock, cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var answer = call();
        var reason = answer.Reason ?? answer.Outcome.ToString();
        return answer.Outcome switch
        {
            SimulatedOutcome.Ok => PortalResult.Success(map(answer.Value!)),
            SimulatedOutcome.NotFound or SimulatedOutcome.Conflict or SimulatedOutcome.Refused =>
                PortalResult.Failure<TResult>(PortalOutcome.Refused, reason),
            SimulatedOutcome.Throttled =>
                PortalResult.Failure<TResult>(PortalOutcome.Transient, reason) with { RetryAfter = answer.RetryAfter },
            SimulatedOutcome.Unavailable => PortalResult.Failure<TResult>(PortalOutcome.Transient, reason),
            // The effect happened and the answer was lost: a write may have landed, a read can simply be asked again.
            _ => PortalResult.Failure<TResult>(hasEffect ? PortalOutcome.Ambiguous : PortalOutcome.Transient, reason),
        };
    }
}
