using ProvincePlatform.Grains.Citizens;

namespace ProvincePlatform.Host.Hosting;

/// <summary>The <c>Citizens:LookupSecret</c> setting: the secret of the keyed hash behind citizen grain ids.</summary>
public static class CitizenLookupSettings
{
    public const string SecretSetting = "Citizens:LookupSecret";

    /// <summary>
    /// The configured secret; without one, a random secret for this process, which suits only the embedded default
    /// whose state ends with the process anyway. With a database the secret is required: silos with different
    /// secrets, or a restart with a new one, would leave every citizen's index unreachable.
    /// </summary>
    public static CitizenKeys KeysFrom(IConfiguration configuration) =>
        configuration[SecretSetting] is { Length: > 0 } secret ? CitizenKeys.FromSecret(secret)
        : DatabaseSettings.From(configuration) is null ? CitizenKeys.Ephemeral()
        : throw new InvalidOperationException(
            $"{SecretSetting} is required with ConnectionStrings:{DatabaseSettings.ConnectionStringName}: every silo needs the same secret, kept across restarts.");
}
