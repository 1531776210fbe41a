using System.Diagnostics;
using Npgsql;
using ProvincePlatform.Testing.Postgres;

namespace ProvincePlatform.Persistence.Tests.Postgres;

/// <summary>The repository the tests run from: deploy/sql and the DBA's script.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string SqlDirectory => Path.Combine(Root, "deploy", "sql");

    public static string ApplyMigrationsScript => Path.Combine(Root, "deploy", "scripts", "apply-migrations.sh");

    /// <summary>Runs deploy/scripts/apply-migrations.sh on a database, as a DBA would.</summary>
    public static async Task<(int ExitCode, string Output)> ApplyMigrationsScriptAsync(string connectionString)
    {
        var npgsql = new NpgsqlConnectionStringBuilder(connectionString);
        var database = $"host={npgsql.Host} port={npgsql.Port} dbname={npgsql.Database} user={npgsql.Username}";
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { ApplyMigrationsScript, database },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!string.IsNullOrEmpty(npgsql.Password))
        {
            start.Environment["PGPASSWORD"] = npgsql.Password;
        }

        var psql = Path.Combine(ThrowawayPostgresServer.BinDirectory, "psql");
        if (File.Exists(psql))
        {
            start.Environment["PSQL"] = psql;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ProvincePlatform.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ProvincePlatform.sln above {AppContext.BaseDirectory}.");
    }
}
