using ProvincePlatform.Grains.Citizens;

namespace ProvincePlatform.Host.Hosting;

/// <summary>The <c>Citizens:LookupSecret</c> setting: the secret of the keyed hash behind citizen grain ids.</summary>
public static class CitizenLookupSettings
{
    public const string SecretSetting = "Citizens:LookupSecret";

    /// <summary>
    /// The configured secret; without one, a random secret for this process, which suits only the embedded default
    /// whose state ends with the process anyway.
    /// </summary>
    public static CitizenKeys KeysFrom(IConfiguration configuration) =>
        configuration[SecretSetting] is { Length: > 0 } secret ? CitizenKeys.FromSecret(secret) : CitizenKeys.Ephemeral();
}
