namespace ProvincePlatform.Persistence.Migrations;

/// <summary>
/// One versioned script of deploy/sql (<c>V&lt;version&gt;__&lt;name&gt;.sql</c>) as embedded in this assembly.
/// </summary>
/// <param name="Version">The number in the file name: <c>V003__orleans_reminders.sql</c> is version 3.</param>
/// <param name="Name">The rest of the file name: <c>orleans_reminders</c>.</param>
/// <param name="Checksum">SHA-256 (lowercase hex) of the script with carriage returns removed, as the ledger keeps it.</param>
/// <param name="Script">The SQL.</param>
public sealed record SchemaMigration(int Version, string Name, string Checksum, string Script)
{
    /// <summary>The file name the script has under deploy/sql.</summary>
    public string FileName => $"V{Version:D3}__{Name}.sql";

    public override string ToString() => FileName;
}
