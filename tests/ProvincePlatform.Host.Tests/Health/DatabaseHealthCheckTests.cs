using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ProvincePlatform.Host.Operations;
using DatabaseSettings = ProvincePlatform.Host.Hosting.DatabaseSettings;

namespace ProvincePlatform.Host.Tests.Health;

/// <summary>
/// The PostgreSQL check: its states against probes made up for each (the clock is a fake one, moved by the probe or the
/// test), and the real probe against a port where nothing listens. A PostgreSQL that answers is proved by the cluster
/// tests, which stop and restart a real one under running silos.
/// </summary>
public sealed class DatabaseHealthCheckTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task A_database_that_answers_at_once_is_healthy()
    {
        var result = await new DatabaseHealthCheck(_ => Task.CompletedTask, _time).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task A_database_that_answers_slowly_is_degraded()
    {
        var check = new DatabaseHealthCheck(_ =>
        {
            _time.Advance(DatabaseHealthCheck.SlowAfter + TimeSpan.FromMilliseconds(500));
            return Task.CompletedTask;
        }, _time);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Contains("1.5 s", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_refuses_is_unhealthy()
    {
        var check = new DatabaseHealthCheck(_ => throw new NpgsqlException("28P01: password authentication failed"), _time);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.DoesNotContain("password", result.Description, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_database_that_does_not_answer_in_time_is_unhealthy()
    {
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var check = new DatabaseHealthCheck(async cancellationToken =>
        {
            asked.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }, _time);

        var checking = check.CheckHealthAsync(new HealthCheckContext());
        await asked.Task;
        _time.Advance(DatabaseHealthCheck.Timeout);
        var result = await checking;

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("did not answer within 3 s", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_where_nothing_listens_is_unhealthy_and_the_answer_names_no_part_of_the_connection_string()
    {
        var port = ClosedPort();
        var settings = new DatabaseSettings(
            $"Host=127.0.0.1;Port={port};Database=province_secret_db;Username=province_user;Password=hunter2-secret", MigrateOnStart: false);

        var result = await DatabaseHealthCheck.Of(settings, TimeProvider.System).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.IsAssignableFrom<NpgsqlException>(result.Exception);
        foreach (var part in new[] { "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "province_secret_db", "province_user", "hunter2" })
        {
            Assert.DoesNotContain(part, result.Description, StringComparison.Ordinal);
        }
    }

    /// <summary>A loopback port that was just listened on and closed, so that a connection to it is refused.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
