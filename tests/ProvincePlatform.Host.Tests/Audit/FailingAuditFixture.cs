using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ProvincePlatform.Audit;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Audit;

/// <summary>
/// A host of its own whose audit log is the embedded one behind a switch: while <see cref="AuditFails"/> is in
/// effect, every append fails as a PostgreSQL log's does when the database cannot take it.
/// </summary>
public sealed class FailingAuditFixture : GatewayFixture
{
    public SwitchableAuditLog Audit { get; } = new(new InMemoryAuditLog());

    /// <summary>Makes every append fail until the returned scope is disposed.</summary>
    public IDisposable AuditFails()
    {
        Audit.Failing = true;
        return new Restoration(() => Audit.Failing = false);
    }

    /// <summary>The last registration of a service is the one resolved, so the switch replaces the host's log.</summary>
    protected override void ConfigureHost(WebApplicationBuilder builder) => builder.Services.AddSingleton<IAuditLog>(Audit);

    private sealed class Restoration(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}

/// <summary>An audit log that fails every append while <see cref="Failing"/> is set, and otherwise is the one it wraps.</summary>
public sealed class SwitchableAuditLog(IAuditLog inner) : IAuditLog
{
    private volatile bool _failing;
    private int _refused;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    /// <summary>How many appends have been refused so far.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        if (!_failing)
        {
            return inner.AppendAsync(entry, cancellationToken);
        }

        Interlocked.Increment(ref _refused);
        return Task.FromException(new AuditUnavailableException("The test made the audit log fail."));
    }

    public Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);
}

[CollectionDefinition(Name)]
public sealed class FailingAuditCollection : ICollectionFixture<FailingAuditFixture>
{
    public const string Name = "failing audit log";
}
