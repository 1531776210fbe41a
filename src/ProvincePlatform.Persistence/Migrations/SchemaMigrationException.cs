namespace ProvincePlatform.Persistence.Migrations;

/// <summary>The database's schema cannot be brought up to date safely; the message says why and what to do.</summary>
public sealed class SchemaMigrationException : Exception
{
    public SchemaMigrationException()
    {
    }

    public SchemaMigrationException(string message)
        : base(message)
    {
    }

    public SchemaMigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
