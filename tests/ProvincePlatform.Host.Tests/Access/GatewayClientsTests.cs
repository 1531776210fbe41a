using Microsoft.Extensions.Configuration;
using ProvincePlatform.Grains.Communes;
using ProvincePlatform.Host.Access;

namespace ProvincePlatform.Host.Tests.Access;

/// <summary>
/// <c>Gateway:Clients</c> as the host checks it at start-up: every entry that could never authenticate, or could
/// reach more or less than meant, stops the host with a message naming it; a good one finds its client by key only.
/// </summary>
public sealed class GatewayClientsTests
{
    private const string AdminKey = "pp_admin-test-key-0123456789";
    private const string PortalKey = "pp_portal-test-key-9876543210";
    private const string Entry = "Gateway:Clients:1:";

    private static readonly Lazy<CommuneDirectory> s_quangNam =
        new(() => CommuneDirectory.Load(Path.Combine(AppContext.BaseDirectory, "seed", "quang-nam-communes.csv")));

    /// <summary>Each one change to the portal at index 1, and a piece of the message that must name the fault.</summary>
    public static TheoryData<string, string?, string> Misconfigurations => new()
    {
        { "Name", null, "Name is required" },
        { "Name", "   ", "Name is required" },
        { "Name", "portal\u0007", "Name is required" },
        { "KeySha256", null, "KeySha256" },
        { "KeySha256", ApiKeys.Sha256(PortalKey).ToUpperInvariant(), "KeySha256" },
        { "KeySha256", PortalKey, "KeySha256" },
        { "KeySha256", ApiKeys.Sha256(PortalKey)[..63], "KeySha256" },
        { "Role", null, "Role" },
        { "Role", "Superuser", "Role" },
        { "Role", "communePortal", "Role" },
        // Enum.TryParse reads both of these as CommunePortal, a role no one wrote.
        { "Role", "1", "Role" },
        { "Role", "ProvinceAdmin, CommunePortal", "Role" },
        { "Communes:0", null, "needs the codes of its Communes" },
        { "Role", "Ops", "only a CommunePortal lists Communes" },
        { "Role", "ProvinceAdmin", "only a CommunePortal lists Communes" },
        { "Communes:0", "99999", "'99999'" },
        { "Communes:0", "Đại Thạnh", "'Đại Thạnh'" },
        { "PermitsPerMinute", "0", "PermitsPerMinute" },
        { "PermitsPerMinute", "-60", "PermitsPerMinute" },
        { "Name", "province-it", "same name as Gateway:Clients:0" },
        { "Name", " province-it ", "same name as Gateway:Clients:0" },
        { "KeySha256", ApiKeys.Sha256(AdminKey), "same key as Gateway:Clients:0" },
    };

    [Theory]
    [MemberData(nameof(Misconfigurations))]
    public void A_misconfigured_entry_stops_the_host_naming_it(string setting, string? value, string fault)
    {
        var settings = ValidSettings();
        settings[Entry + setting] = value;

        var error = Assert.Throws<InvalidOperationException>(() => GatewayClients.From(Configuration(settings), s_quangNam.Value, embedded: false));

        Assert.StartsWith(Entry.TrimEnd(':') + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains(fault, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(PortalKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_good_configuration_finds_each_client_by_its_key_only()
    {
        var settings = ValidSettings();
        settings[Entry + "Communes:0"] = " 20527 ";
        settings[Entry + "PermitsPerMinute"] = "120";

        var clients = GatewayClients.From(Configuration(settings), s_quangNam.Value, embedded: false);

        var admin = Assert.IsType<GatewayClient>(clients.Find(AdminKey));
        Assert.Equal(("province-it", GatewayRole.ProvinceAdmin, GatewayClients.DefaultPermitsPerMinute), (admin.Name, admin.Role, admin.PermitsPerMinute));
        Assert.Empty(admin.Communes);
        var portal = Assert.IsType<GatewayClient>(clients.Find(PortalKey));
        Assert.Equal(("dai-thanh-portal", GatewayRole.CommunePortal, 120), (portal.Name, portal.Role, portal.PermitsPerMinute));
        Assert.Equal(["20527"], portal.Communes);
        Assert.True(portal.Serves("20527"));
        Assert.False(portal.Serves("20335"));
        Assert.Null(clients.OneTimeKey);
        Assert.Equal(2, clients.All.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pp_admin-test-key-012345678")]
    [InlineData("PP_ADMIN-TEST-KEY-0123456789")]
    [InlineData(" pp_admin-test-key-0123456789")]
    [InlineData("pp_admin-test-key-0123456789\n")]
    public void A_wrong_key_finds_no_client(string key)
    {
        var clients = GatewayClients.From(Configuration(ValidSettings()), s_quangNam.Value, embedded: false);

        Assert.Null(clients.Find(key));
        Assert.Null(clients.Find(ApiKeys.Sha256(AdminKey)));
    }

    [Fact]
    public void A_key_longer_than_the_longest_is_not_even_looked_up()
    {
        var longest = new string('k', ApiKeys.MaxLength);
        var settings = ValidSettings();
        settings["Gateway:Clients:0:KeySha256"] = ApiKeys.Sha256(longest);
        settings[Entry + "KeySha256"] = ApiKeys.Sha256(longest + "k");

        var clients = GatewayClients.From(Configuration(settings), s_quangNam.Value, embedded: false);

        Assert.Equal("province-it", clients.Find(longest)?.Name);
        Assert.Null(clients.Find(longest + "k"));
    }

    [Fact]
    public void The_default_rate_limit_applies_to_entries_without_their_own()
    {
        var settings = ValidSettings();
        settings[GatewayClients.DefaultPermitsSetting] = "90";

        var clients = GatewayClients.From(Configuration(settings), s_quangNam.Value, embedded: false);

        Assert.All(clients.All, client => Assert.Equal(90, client.PermitsPerMinute));
    }

    [Theory]
    [InlineData(true, "0")]
    [InlineData(false, "0")]
    [InlineData(true, "-1")]
    public void A_default_rate_limit_below_one_stops_the_host(bool withClients, string permits)
    {
        var settings = withClients ? ValidSettings() : [];
        settings[GatewayClients.DefaultPermitsSetting] = permits;

        var error = Assert.Throws<InvalidOperationException>(() => GatewayClients.From(Configuration(settings), s_quangNam.Value, embedded: true));

        Assert.StartsWith(GatewayClients.DefaultPermitsSetting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_default_without_clients_makes_a_ProvinceAdmin_key_for_this_run_only()
    {
        var first = GatewayClients.From(Configuration([]), s_quangNam.Value, embedded: true);
        var second = GatewayClients.From(Configuration([]), s_quangNam.Value, embedded: true);

        var key = Assert.IsType<string>(first.OneTimeKey);
        var client = Assert.Single(first.All);
        Assert.Same(client, first.Find(key));
        Assert.Equal(GatewayRole.ProvinceAdmin, client.Role);
        Assert.Equal(ApiKeys.Sha256(key), client.KeySha256);
        Assert.NotEqual(key, second.OneTimeKey);
        Assert.Null(second.Find(key));
    }

    [Fact]
    public void Production_without_clients_stops_the_host()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GatewayClients.From(Configuration([]), s_quangNam.Value, embedded: false));

        Assert.StartsWith(GatewayClients.SectionName, error.Message, StringComparison.Ordinal);
    }

    /// <summary>A province admin at index 0 and Đại Thạnh's portal at index 1, as environment variables would give them.</summary>
    private static Dictionary<string, string?> ValidSettings() => new()
    {
        ["Gateway:Clients:0:Name"] = "province-it",
        ["Gateway:Clients:0:KeySha256"] = ApiKeys.Sha256(AdminKey),
        ["Gateway:Clients:0:Role"] = "ProvinceAdmin",
        [Entry + "Name"] = "dai-thanh-portal",
        [Entry + "KeySha256"] = ApiKeys.Sha256(PortalKey),
        [Entry + "Role"] = "CommunePortal",
        [Entry + "Communes:0"] = "20527",
    };

    /// <summary>The settings, a null value leaving the setting out.</summary>
    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Where(setting => setting.Value is not null))
            .Build();
}
