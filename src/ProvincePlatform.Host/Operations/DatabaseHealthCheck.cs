using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using ProvincePlatform.Host.Hosting;

namespace ProvincePlatform.Host.Operations;

/// <summary>
/// PostgreSQL, in production mode, where it holds membership, grain state, reminders and the audit log: Healthy when a
/// <c>SELECT 1</c> answers within <see cref="SlowAfter"/>, Degraded when it answers but slower (every write will be
/// slow too), Unhealthy when it fails or gives no answer within <see cref="Timeout"/>, since the silo can then neither
/// keep state nor stay in the cluster.
/// </summary>
/// <param name="probe">Asks the database once; <see cref="Of"/> makes the real one.</param>
public sealed class DatabaseHealthCheck(Func<CancellationToken, Task> probe, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan SlowAfter = TimeSpan.FromSeconds(1);

    /// <summary>The check of the configured database: a connection of its own (not pooled) and <c>SELECT 1</c>.</summary>
    public static DatabaseHealthCheck Of(DatabaseSettings settings, TimeProvider time) => new(cancellationToken => SelectOneAsync(settings, cancellationToken), time);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = time.GetTimestamp();
        try
        {
            await probe(linked.Token);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL did not answer within {Timeout.TotalSeconds:0} s.", exception);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            // The description is answered to anyone: it names no host, user or database; the exception goes to the log.
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer.", exception);
        }

        var took = time.GetElapsedTime(started);
        return took > SlowAfter
            ? HealthCheckResult.Degraded($"PostgreSQL answers, slowly: {took.TotalSeconds:0.0} s (more than {SlowAfter.TotalSeconds:0} s).")
            : HealthCheckResult.Healthy("PostgreSQL answers.");
    }

    private static async Task SelectOneAsync(DatabaseSettings settings, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            Timeout = (int)Timeout.TotalSeconds,
            CommandTimeout = (int)Timeout.TotalSeconds,
            Pooling = false,
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
