namespace ProvincePlatform.Grains.Common;

/// <summary>
/// The key under which the domain's <see cref="TimeProvider"/> is registered. Orleans resolves the unkeyed
/// <see cref="TimeProvider"/> for its own timers and membership probes; keeping the domain clock apart lets a
/// test move business time by thirty days without also firing every runtime timeout in the cluster.
/// </summary>
public static class ProvinceClock
{
    public const string ServiceKey = "province-clock";
}
