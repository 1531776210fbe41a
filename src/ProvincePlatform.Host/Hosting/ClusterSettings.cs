namespace ProvincePlatform.Host.Hosting;

/// <summary>The <c>Orleans</c> configuration section.</summary>
public sealed class ClusterSettings
{
    public const string SectionName = "Orleans";

    public string ClusterId { get; set; } = "province-platform";

    public string ServiceId { get; set; } = "province-platform";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;
}
