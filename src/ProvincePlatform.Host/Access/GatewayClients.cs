using System.Collections.Frozen;
using ProvincePlatform.Grains.Communes;

namespace ProvincePlatform.Host.Access;

/// <summary>
/// The clients of <c>Gateway:Clients</c>, found by the fingerprint of the key they present. Configuration is checked
/// as a whole at start-up: a client that could never authenticate, or could reach more or less than its operator
/// meant, stops the host with one line naming the entry.
/// </summary>
public sealed class GatewayClients
{
    public const string SectionName = "Gateway:Clients";
    public const string DefaultPermitsSetting = "Gateway:RateLimit:PermitsPerMinute";

    /// <summary>Requests a client may make per minute unless its entry says otherwise: a busy help point's portal
    /// makes a few a second at most, and a runaway script should not take the cluster from everyone else.</summary>
    public const int DefaultPermitsPerMinute = 6_000;

    private readonly FrozenDictionary<string, GatewayClient> _byFingerprint;

    public GatewayClients(IEnumerable<GatewayClient> clients, string? oneTimeKey = null)
    {
        _byFingerprint = clients.ToFrozenDictionary(client => client.KeySha256, StringComparer.Ordinal);
        OneTimeKey = oneTimeKey;
    }

    public IReadOnlyCollection<GatewayClient> All => _byFingerprint.Values;

    /// <summary>The key made up for this process when none is configured on the embedded default, to print once.</summary>
    public string? OneTimeKey { get; }

    public GatewayClient? Find(string key) =>
        key.Length <= ApiKeys.MaxLength && _byFingerprint.TryGetValue(ApiKeys.Sha256(key), out var client) ? client : null;

    /// <summary>
    /// The configured clients. With none, the embedded default makes up one <see cref="GatewayRole.ProvinceAdmin"/>
    /// key for this process, so that a fresh clone can be tried at once; production mode refuses to start, since a
    /// gateway that no one can call is a mistake, not a choice.
    /// </summary>
    public static GatewayClients From(IConfiguration configuration, CommuneDirectory directory, bool embedded)
    {
        var entries = configuration.GetSection(SectionName).Get<List<GatewayClientSettings>>() ?? [];
        var defaultPermits = configuration.GetValue(DefaultPermitsSetting, DefaultPermitsPerMinute);
        if (defaultPermits <= 0)
        {
            // Checked here, not per entry: the fault is this one setting, and the made-up local key uses it unchecked.
            throw new InvalidOperationException($"{DefaultPermitsSetting} must be positive");
        }

        if (entries.Count == 0)
        {
            if (!embedded)
            {
                throw new InvalidOperationException(
                    $"{SectionName} names no client: add one (keys are made by `ProvincePlatform.Host keys new`).");
            }

            var key = ApiKeys.New();
            return new GatewayClients(
                [new GatewayClient("local-admin", ApiKeys.Sha256(key), GatewayRole.ProvinceAdmin, FrozenSet<string>.Empty, defaultPermits)],
                key);
        }

        var clients = entries.Select((entry, index) => Check(entry, $"{SectionName}:{index}", directory, defaultPermits)).ToList();
        Unique(clients, client => client.Name, "name");
        Unique(clients, client => client.KeySha256, "key");
        return new GatewayClients(clients);
    }

    private static GatewayClient Check(GatewayClientSettings entry, string at, CommuneDirectory directory, int defaultPermits)
    {
        var name = string.IsNullOrWhiteSpace(entry.Name) || entry.Name.Any(char.IsControl)
            ? throw Invalid(at, "Name is required")
            : entry.Name.Trim();
        var fingerprint = ApiKeys.IsFingerprint(entry.KeySha256)
            ? entry.KeySha256!
            : throw Invalid(at, $"KeySha256 of '{name}' must be 64 lower-case hex digits (the SHA-256 of the key, never the key)");
        // By name only: Enum.TryParse also takes "0" and "Ops, ProvinceAdmin", which would grant a role no one wrote.
        var role = Enum.GetNames<GatewayRole>().Contains(entry.Role, StringComparer.Ordinal)
            ? Enum.Parse<GatewayRole>(entry.Role!)
            : throw Invalid(at, $"Role of '{name}' must be one of {string.Join(", ", Enum.GetNames<GatewayRole>())}");
        var communes = entry.Communes.Select(code => code.Trim()).ToFrozenSet(StringComparer.Ordinal);
        if (role == GatewayRole.CommunePortal && communes.Count == 0)
        {
            throw Invalid(at, $"'{name}' is a {nameof(GatewayRole.CommunePortal)} and needs the codes of its Communes");
        }

        if (role != GatewayRole.CommunePortal && communes.Count > 0)
        {
            throw Invalid(at, $"'{name}' is {role}, which reaches every commune: only a {nameof(GatewayRole.CommunePortal)} lists Communes");
        }

        if (communes.FirstOrDefault(code => directory.Find(code) is null) is { } unknown)
        {
            throw Invalid(at, $"'{name}' names commune '{unknown}', which is not in the register");
        }

        var permits = entry.PermitsPerMinute ?? defaultPermits;
        return permits > 0
            ? new GatewayClient(name, fingerprint, role, communes, permits)
            : throw Invalid(at, $"PermitsPerMinute of '{name}' must be positive");
    }

    private static InvalidOperationException Invalid(string at, string problem) => new($"{at}: {problem}");

    /// <summary>Refuses a second client with the same name or key, naming both entries.</summary>
    private static void Unique(List<GatewayClient> clients, Func<GatewayClient, string> by, string what)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < clients.Count; index++)
        {
            if (!first.TryAdd(by(clients[index]), index))
            {
                var earlier = first[by(clients[index])];
                throw Invalid($"{SectionName}:{index}",
                    $"'{clients[index].Name}' has the same {what} as {SectionName}:{earlier} ('{clients[earlier].Name}')");
            }
        }
    }
}
