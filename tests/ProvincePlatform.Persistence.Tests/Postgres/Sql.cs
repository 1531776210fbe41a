using Npgsql;

namespace ProvincePlatform.Persistence.Tests.Postgres;

/// <summary>Small helpers for looking into a test database.</summary>
internal static class Sql
{
    /// <summary>Runs a query and returns each row as its columns joined by " | " (NULL as "null").</summary>
    public static async Task<IReadOnlyList<string>> RowsAsync(string connectionString, string query, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(query, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var columns = Enumerable.Range(0, reader.FieldCount)
                .Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
            rows.Add(string.Join(" | ", columns));
        }

        return rows;
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string query, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(query, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(string connectionString, string statement)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(statement, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// What the schema is, as sorted lines: relations (with their oids, so a table dropped and made again shows),
    /// columns, indexes, constraints, functions, every OrleansQuery row (with its xmin, so a row rewritten with the
    /// same text shows) and, unless left out, the ledger.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CatalogAsync(string connectionString, bool withIdentities = true, bool withLedger = true)
    {
        var relationOid = withIdentities ? " || ' oid ' || c.oid" : "";
        var queryXmin = withIdentities ? " || ' xmin ' || xmin" : "";
        var ledger = withLedger
            ? "UNION ALL SELECT 'migration ' || version || ' ' || name || ' ' || checksum || ' ' || applied_at FROM province_schema_migrations"
            : "";
        var query = $"""
            SELECT 'relation ' || c.relname || ' ' || c.relkind::text {relationOid}
            FROM pg_class AS c WHERE c.relnamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' null ' || is_nullable || ' default ' || coalesce(column_default, '')
            FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'function ' || p.oid::regprocedure || ' ' || md5(p.prosrc) FROM pg_proc AS p WHERE p.pronamespace = 'public'::regnamespace
            UNION ALL
            SELECT 'query ' || querykey || ' ' || md5(querytext) {queryXmin} FROM orleansquery
            {ledger}
            ORDER BY 1
            """;
        return await RowsAsync(connectionString, query);
    }
}
