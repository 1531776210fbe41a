using Npgsql;
using ProvincePlatform.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace ProvincePlatform.Cluster.Tests.Audit;

/// <summary>
/// The audit log of a cluster is kept in PostgreSQL before the call it records is answered: the entries of a booking
/// and of a read of it are in <c>province_audit_log</c> as soon as the answers arrive, outlive the silo that answered
/// them, and a new silo started after it serves them.
/// </summary>
public sealed class DurableAuditTests(PostgresFixture postgres, ITestOutputHelper log) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_entries_of_a_booking_are_in_PostgreSQL_once_answered_and_a_new_silo_serves_them_after_every_silo_stopped()
    {
        await using var cluster = await SiloCluster.CreateAsync(postgres, log);
        var first = (await cluster.StartSilosAsync("silo-a"))[0];
        var helpPoint = await first.Api.OpenHelpPointAsync(PlatformApi.DaiThanh, computers: 2);
        var booking = (await first.Api.BookAsync(helpPoint, VietnamDates.SessionId(VietnamDates.Today.AddDays(2)), TestCitizens.NewIdNumber())).Text("id");
        await first.Api.ReadAsync($"/api/v1/bookings/{booking}");
        string[] expected =
        [
            $"cluster-tests | ProvinceAdmin | GetBooking | GET | {booking} | {PlatformApi.DaiThanh} | 200",
            $"cluster-tests | ProvinceAdmin | Book | POST | {booking} | {PlatformApi.DaiThanh} | 201",
        ];

        // Committed by the time the answers came, not merely queued: read at once, through a connection of our own.
        Assert.Equal(expected, await RowsAsync(cluster.ConnectionString, booking));

        await first.StopAsync();
        Assert.True(first.Process.HasExited && first.Process.ExitCode == 0, $"silo-a should have stopped cleanly on SIGTERM.\n{cluster.Diagnostics()}");
        var second = (await cluster.StartSilosAsync("silo-b"))[0];

        var trail = await second.Api.ReadJsonAsync($"/api/v1/audit?resource={Uri.EscapeDataString(booking)}");
        Assert.Equal(2, trail.GetProperty("total").GetInt64());
        Assert.Equal(expected, trail.GetProperty("items").EnumerateArray().Select(item => string.Join(" | ",
            item.Text("client"), item.Text("role"), item.Text("action"), item.Text("method"), item.Text("resource"),
            item.Text("communeCode"), item.GetProperty("status").GetInt32())));
        var opened = Assert.Single((await second.Api.ReadJsonAsync($"/api/v1/audit?resource={Uri.EscapeDataString(helpPoint)}"))
            .GetProperty("items").EnumerateArray());
        Assert.Equal("OpenHelpPoint", opened.Text("action"));
        Assert.Equal(expected, await RowsAsync(cluster.ConnectionString, booking));
    }

    /// <summary>The rows of the resource in <c>province_audit_log</c>, newest first, as the API lists them.</summary>
    private static async Task<List<string>> RowsAsync(string connectionString, string resource)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("""
            SELECT client, role, action, method, resource, commune_code, status
            FROM province_audit_log WHERE resource = @resource ORDER BY id DESC
            """, connection);
        query.Parameters.AddWithValue("resource", resource);
        await using var reader = await query.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetInt32(6)));
        }

        return rows;
    }
}
