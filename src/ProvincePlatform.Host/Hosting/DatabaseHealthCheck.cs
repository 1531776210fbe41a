using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ProvincePlatform.Host.Hosting;

/// <summary>Ready only while PostgreSQL answers, in production mode.</summary>
public sealed class DatabaseHealthCheck(DatabaseSettings settings) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Timeout = 3, Pooling = false };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"PostgreSQL {settings.Describe()} answers.");
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL {settings.Describe()} does not answer.", exception);
        }
    }
}
