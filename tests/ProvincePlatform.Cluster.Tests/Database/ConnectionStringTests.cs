using System.Diagnostics;
using Npgsql;
using ProvincePlatform.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace ProvincePlatform.Cluster.Tests.Database;

/// <summary>
/// A host given a wrong or unreachable database stops at once, non-zero, saying which database and what is wrong,
/// and never printing the password; it does not hang retrying.
/// </summary>
public sealed class ConnectionStringTests(OwnPostgresFixture postgres, ITestOutputHelper log) : IClassFixture<OwnPostgresFixture>
{
    private const string Password = "s3cret-Hoi-An-7f2c";

    /// <summary>The bound for failing fast, start-up of the .NET process included.</summary>
    private static readonly TimeSpan s_failFastDeadline = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Mistakes => ["wrong port", "wrong password", "unknown host", "unknown database"];

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task The_host_exits_non_zero_within_30_s_naming_the_problem_without_the_password(string mistake)
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        var server = new NpgsqlConnectionStringBuilder(database);
        var (connectionString, named) = mistake switch
        {
            "wrong port" => (With(database, builder => builder.Port = FreePorts.Take(1)[0]), "refused"),
            "wrong password" => (With(await postgres.Throwaway.AddPasswordRoleAsync($"silo_{Guid.NewGuid():N}", Password, server.Database!),
                builder => builder.Password = Password + "-typo"), "password authentication failed"),
            "unknown host" => (With(database, builder => builder.Host = "no-such-database-host.invalid"), "no-such-database-host.invalid"),
            "unknown database" => (With(database, builder => builder.Database = "no_such_province_db"), "does not exist"),
            _ => throw new ArgumentOutOfRangeException(nameof(mistake)),
        };
        var password = new NpgsqlConnectionStringBuilder(connectionString).Password;

        // Through the environment, as an operator would pass a secret; the rest on the command line.
        var settings = new Dictionary<string, string>
        {
            ["Database:MigrateOnStart"] = "true",
            ["Citizens:LookupSecret"] = SiloCluster.LookupSecret,
        };
        var clock = Stopwatch.StartNew();
        await using var host = SiloProcess.Start($"host ({mistake})", settings, () => "",
            new Dictionary<string, string> { ["ConnectionStrings__Orleans"] = connectionString });

        var exited = await host.Process.WaitForExitAsync(s_failFastDeadline);
        var output = host.Process.Output();
        log.WriteLine($"{mistake}: exited {exited} after {clock.Elapsed.TotalSeconds:0.0} s\n{output}");

        Assert.True(exited, $"The host still runs {s_failFastDeadline.TotalSeconds} s after it was started with a {mistake}.\n{host.Process.Tail(60)}");
        Assert.NotEqual(0, host.Process.ExitCode);
        Assert.Contains("ConnectionStrings:Orleans", output, StringComparison.Ordinal);
        Assert.Contains(named, output, StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(password))
        {
            Assert.DoesNotContain(password, output, StringComparison.Ordinal);
        }
    }

    private static string With(string connectionString, Action<NpgsqlConnectionStringBuilder> change)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        change(builder);
        return builder.ConnectionString;
    }
}
