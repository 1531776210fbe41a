namespace ProvincePlatform.Host.Access;

/// <summary>
/// <c>ProvincePlatform.Host keys new</c>: makes a key for a new client and prints it with the fingerprint that goes
/// into <c>Gateway:Clients</c>. The key is shown this once; the platform keeps only the fingerprint.
/// </summary>
public static class KeysCommand
{
    public static bool Matches(string[] args) => args is ["keys", ..];

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not ["keys", "new"])
        {
            error.WriteLine("Usage: ProvincePlatform.Host keys new");
            return 2;
        }

        var key = ApiKeys.New();
        output.WriteLine($"Key (hand it to the client; it is not stored anywhere): {key}");
        output.WriteLine($"KeySha256 (for {GatewayClients.SectionName}):             {ApiKeys.Sha256(key)}");
        return 0;
    }
}
