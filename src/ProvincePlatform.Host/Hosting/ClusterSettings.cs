namespace ProvincePlatform.Host.Hosting;

/// <summary>The <c>Orleans</c> configuration section.</summary>
public sealed class ClusterSettings
{
    public const string SectionName = "Orleans";

    /// <summary>Bound to Orleans' <c>ClusterMembershipOptions</c>: probe and death-declaration timings.</summary>
    public const string MembershipSectionName = "Orleans:Membership";

    public string ClusterId { get; set; } = "province-platform";

    public string ServiceId { get; set; } = "province-platform";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at (production mode); the embedded default uses loopback.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";
}
