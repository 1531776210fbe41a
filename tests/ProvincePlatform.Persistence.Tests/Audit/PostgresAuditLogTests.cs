using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ProvincePlatform.Audit;
using ProvincePlatform.Persistence.Migrations;
using ProvincePlatform.Persistence.Tests.Postgres;

namespace ProvincePlatform.Persistence.Tests.Audit;

/// <summary>
/// The audit log in PostgreSQL, each test on a fresh database migrated as a silo migrates it: what goes in comes back
/// the same, newest first; concurrent appends are group-committed without losing or doubling one; filters and paging
/// agree with the in-memory log; a database that cannot be reached fails the append instead of hanging it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditLogTests(PostgresServerFixture postgres)
{
    /// <summary>Longer than any append or query may take here; a hang fails the test instead of stalling the run.</summary>
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(30);

    /// <summary>A Tuesday evening in Đại Lộc, to the microsecond (what PostgreSQL's timestamptz keeps).</summary>
    private static readonly DateTimeOffset s_evening = new(2026, 12, 1, 19, 5, 30, 123, 456, TimeSpan.FromHours(7));

    [Fact]
    public async Task Appended_entries_read_back_identically_newest_first_with_their_nulls_and_instants()
    {
        var database = await MigratedDatabaseAsync();
        await using var log = NewLog(database);
        AuditEntry[] appended =
        [
            new(s_evening, "province-it", "ProvinceAdmin", "OpenHelpPoint", "POST", "20527-hp-0001", "20527", 201, "4bf92f3577b34da6a3ce929d0e0e4736"),
            new(s_evening.AddMinutes(1), "dai-thanh-portal", "CommunePortal", "LookupCitizen", "POST", "citizen:9f86d081884c7d65", null, 200, null),
            new(s_evening.AddMinutes(2).ToUniversalTime(), "dai-thanh-portal", "CommunePortal", "Book", "POST", "20527-hp-0001", "20527", 409, null),
            // Older than the one before it: the log is read in the order it was written, not by instant.
            new(s_evening.AddDays(-1), "ops-team", "Ops", "(unknown)", "DELETE", "/api/v1/x", null, 404, "00000000000000000000000000000001"),
        ];

        foreach (var entry in appended)
        {
            await log.AppendAsync(entry, CancellationToken.None).WaitAsync(s_bound);
        }

        var page = await log.QueryAsync(Everything(pageSize: 10), CancellationToken.None);

        var newestFirst = Enumerable.Reverse(appended).ToList();
        Assert.Equal(appended.Length, page.Total);
        Assert.Equal(newestFirst, page.Items);
        Assert.Equal(newestFirst.Select(entry => entry.At.UtcTicks), page.Items.Select(entry => entry.At.UtcTicks));
        Assert.Equal(
            ["20527 | 4bf92f3577b34da6a3ce929d0e0e4736", "null | null", "20527 | null", "null | 00000000000000000000000000000001"],
            await Sql.RowsAsync(database, "SELECT commune_code, trace_id FROM province_audit_log ORDER BY id"));
    }

    [Fact]
    public async Task Five_hundred_concurrent_appends_all_complete_and_each_is_kept_exactly_once_in_few_statements()
    {
        const int Appends = 500;
        var database = await MigratedDatabaseAsync();
        await using var log = NewLog(database);
        var entries = Enumerable.Range(0, Appends).Select(n => Entry(n)).ToList();

        await Task.WhenAll(entries.Select(entry => Task.Run(() => log.AppendAsync(entry, CancellationToken.None)))).WaitAsync(s_bound);

        Assert.Equal(
            [$"{Appends} | {Appends}"],
            await Sql.RowsAsync(database, "SELECT count(*), count(DISTINCT resource) FROM province_audit_log"));
        Assert.Equal(
            entries.Select(entry => entry.Resource).Order(StringComparer.Ordinal),
            await Sql.RowsAsync(database, "SELECT resource FROM province_audit_log ORDER BY resource COLLATE \"C\""));
        // Rows inserted by one statement share its transaction id: far fewer transactions than appends is the group commit.
        var transactions = await Sql.ScalarAsync<long>(database, "SELECT count(DISTINCT xmin::text) FROM province_audit_log");
        Assert.True(transactions <= Appends / 10, $"{Appends} appends took {transactions} transactions.");
        Assert.Equal(Appends, (await log.QueryAsync(Everything(pageSize: 1), CancellationToken.None)).Total);
    }

    [Fact]
    public async Task Filters_narrow_the_log_and_every_page_counts_the_whole_match_as_the_in_memory_log_does()
    {
        var database = await MigratedDatabaseAsync();
        await using var log = NewLog(database);
        var memory = new InMemoryAuditLog();
        var december = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(7));
        AuditEntry[] e =
        [
            Entry(0, december.AddHours(8), "province-it", "20527", "20527-hp-0001"),
            Entry(1, december.AddDays(1).AddTicks(-10), "dai-thanh-portal", "20527", "20527-hp-0002"),
            Entry(2, december.AddDays(1), "province-it", "20335", "20527-hp-0001"),
            Entry(3, december.AddDays(1).AddHours(12), "province-it", null, "citizen:abc"),
            Entry(4, december.AddDays(2), "dai-thanh-portal", "20527", "20527-hp-0003"),
        ];
        foreach (var entry in e)
        {
            await log.AppendAsync(entry, CancellationToken.None).WaitAsync(s_bound);
            await memory.AppendAsync(entry, CancellationToken.None);
        }

        var secondDay = december.AddDays(1);
        (AuditQuery Query, AuditEntry[] Expected, long Total)[] cases =
        [
            (Everything() with { From = secondDay }, [e[4], e[3], e[2]], 3),
            (Everything() with { Until = secondDay }, [e[1], e[0]], 2),
            (Everything() with { From = secondDay.ToUniversalTime(), Until = secondDay.AddDays(1) }, [e[3], e[2]], 2),
            (Everything() with { Client = "province-it" }, [e[3], e[2], e[0]], 3),
            (Everything() with { CommuneCode = "20527" }, [e[4], e[1], e[0]], 3),
            (Everything() with { Resource = "20527-hp-0001" }, [e[2], e[0]], 2),
            (Everything() with { Client = "province-it", CommuneCode = "20335", Resource = "20527-hp-0001" }, [e[2]], 1),
            (Everything() with { Client = "nobody" }, [], 0),
            (Everything(pageSize: 2), [e[4], e[3]], 5),
            (Everything(pageSize: 2) with { Page = 2 }, [e[2], e[1]], 5),
            (Everything(pageSize: 2) with { Page = 3 }, [e[0]], 5),
            (Everything(pageSize: 2) with { Page = 4 }, [], 5),
            (Everything(pageSize: 2) with { Page = 2, Client = "province-it" }, [e[0]], 3),
        ];

        foreach (var (query, expected, total) in cases)
        {
            var page = await log.QueryAsync(query, CancellationToken.None);
            Assert.True(expected.SequenceEqual(page.Items) && page.Total == total,
                $"{query}: expected {total} in all and {string.Join(", ", expected.Select(entry => entry.Action))}, "
                + $"got {page.Total} and {string.Join(", ", page.Items.Select(entry => entry.Action))}");
            var inMemory = await memory.QueryAsync(query, CancellationToken.None);
            Assert.True(inMemory.Items.SequenceEqual(page.Items) && inMemory.Total == page.Total, $"{query}: the in-memory log differs");
        }
    }

    [Fact]
    public async Task Appending_to_an_unreachable_database_fails_with_AuditUnavailableException_and_does_not_hang()
    {
        var unreachable = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = ClosedPort(),
            Database = "province",
            Username = "province",
            Password = "nobody-listens",
            Timeout = 3,
        }.ConnectionString;
        var log = NewLog(unreachable);

        // Twice: the writer that failed the first batch is still there for the second.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var failure = await Assert.ThrowsAsync<AuditUnavailableException>(
                () => log.AppendAsync(Entry(attempt), CancellationToken.None).WaitAsync(s_bound));
            Assert.IsAssignableFrom<NpgsqlException>(failure.InnerException);
        }

        await Assert.ThrowsAsync<AuditUnavailableException>(
            () => log.QueryAsync(Everything(), CancellationToken.None).WaitAsync(s_bound));
        await log.DisposeAsync().AsTask().WaitAsync(s_bound);
    }

    [Fact]
    public async Task A_batch_that_fails_fails_only_its_own_appends_and_the_log_keeps_working_once_the_database_can_take_them()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var log = NewLog(database);

        var failure = await Assert.ThrowsAsync<AuditUnavailableException>(
            () => log.AppendAsync(Entry(0), CancellationToken.None).WaitAsync(s_bound));
        Assert.Equal(PostgresErrorCodes.UndefinedTable, Assert.IsType<PostgresException>(failure.InnerException).SqlState);

        await SchemaMigrator.ApplyAsync(database, NullLogger.Instance);
        var later = Entry(1);
        await log.AppendAsync(later, CancellationToken.None).WaitAsync(s_bound);

        var page = await log.QueryAsync(Everything(), CancellationToken.None);
        Assert.Equal([later], page.Items);
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task DisposeAsync_completes_the_appends_still_queued_and_refuses_later_ones()
    {
        const int Appends = 200;
        var database = await MigratedDatabaseAsync();
        var log = NewLog(database);

        var appends = Enumerable.Range(0, Appends).Select(n => log.AppendAsync(Entry(n), CancellationToken.None)).ToList();
        Assert.Contains(appends, append => !append.IsCompleted);
        await log.DisposeAsync().AsTask().WaitAsync(s_bound);

        Assert.All(appends, append => Assert.True(append.IsCompletedSuccessfully, $"An append ended {append.Status}."));
        Assert.Equal(Appends, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM province_audit_log"));
        await Assert.ThrowsAsync<AuditUnavailableException>(() => log.AppendAsync(Entry(Appends), CancellationToken.None));
    }

    private static PostgresAuditLog NewLog(string connectionString) => new(connectionString, NullLogger<PostgresAuditLog>.Instance);

    private async Task<string> MigratedDatabaseAsync()
    {
        var database = await postgres.CreateDatabaseAsync();
        await SchemaMigrator.ApplyAsync(database, NullLogger.Instance);
        return database;
    }

    private static AuditQuery Everything(int pageSize = 100) => new(null, null, null, null, null, Page: 1, pageSize);

    /// <summary>The n-th entry of a test, told apart by its action and (unless given) its resource.</summary>
    private static AuditEntry Entry(
        int n, DateTimeOffset? at = null, string client = "dai-thanh-portal", string? communeCode = "20527", string? resource = null) =>
        new(at ?? s_evening.AddSeconds(n), client, "CommunePortal", $"Action{n}", "POST", resource ?? $"20527-bk-{n:D6}", communeCode,
            201, null);

    /// <summary>A loopback port that nothing listens on: connecting is refused at once.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
