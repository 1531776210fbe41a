using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ProvincePlatform.Persistence.Migrations;

/// <summary>
/// The SQL of deploy/sql, read from this assembly's embedded resources (the project embeds deploy/sql/*.sql), so that
/// a deployed silo never depends on the repository's layout.
/// </summary>
public static partial class SchemaScripts
{
    /// <summary>The file that creates the migration ledger; run before every migration, it is not one itself.</summary>
    public const string LedgerFileName = "schema_migrations.sql";

    private const string ResourcePrefix = "ProvincePlatform.Persistence.Migrations.";

    private static readonly Lazy<(string Ledger, IReadOnlyList<SchemaMigration> Migrations)> s_scripts = new(Load);

    /// <summary>The SQL that creates the ledger table <c>province_schema_migrations</c> if it is missing.</summary>
    public static string Ledger => s_scripts.Value.Ledger;

    /// <summary>Every versioned migration, in the order of their versions.</summary>
    public static IReadOnlyList<SchemaMigration> Migrations => s_scripts.Value.Migrations;

    /// <summary>
    /// The ledger's checksum of a script: SHA-256, lowercase hex, of its bytes without carriage returns (and without
    /// a UTF-8 byte order mark), so that a checkout with CRLF line ends has the same checksum. apply-migrations.sh
    /// computes the same with <c>tr -d '\r' | sha256sum</c>.
    /// </summary>
    public static string Checksum(ReadOnlySpan<byte> script)
    {
        ReadOnlySpan<byte> byteOrderMark = [0xEF, 0xBB, 0xBF];
        if (script.StartsWith(byteOrderMark))
        {
            script = script[byteOrderMark.Length..];
        }

        var withoutCarriageReturns = new byte[script.Length - script.Count((byte)'\r')];
        var length = 0;
        foreach (var b in script)
        {
            if (b != (byte)'\r')
            {
                withoutCarriageReturns[length++] = b;
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(withoutCarriageReturns));
    }

    private static (string Ledger, IReadOnlyList<SchemaMigration> Migrations) Load()
    {
        var assembly = typeof(SchemaScripts).Assembly;
        string? ledger = null;
        var migrations = new List<SchemaMigration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var fileName = resource[ResourcePrefix.Length..];
            var bytes = Read(assembly, resource);
            var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
            if (fileName == LedgerFileName)
            {
                ledger = text;
                continue;
            }

            var match = MigrationFileName().Match(fileName);
            if (!match.Success)
            {
                throw new SchemaMigrationException(
                    $"deploy/sql/{fileName} is neither {LedgerFileName} nor a migration named V<number>__<name>.sql.");
            }

            migrations.Add(new SchemaMigration(
                int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                Checksum(bytes),
                text));
        }

        if (ledger is null)
        {
            throw new SchemaMigrationException($"deploy/sql/{LedgerFileName} is not embedded in {assembly.GetName().Name}.");
        }

        var duplicate = migrations.GroupBy(migration => migration.Version).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new SchemaMigrationException(
                $"Several migrations have version {duplicate.Key}: {string.Join(", ", duplicate)}. Each version must be unique.");
        }

        return (ledger, migrations.OrderBy(migration => migration.Version).ToArray());
    }

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new SchemaMigrationException($"Embedded resource {resource} cannot be read.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    [GeneratedRegex(@"^V(?<version>\d+)__(?<name>[a-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex MigrationFileName();
}
