using System.Text.RegularExpressions;
using ProvincePlatform.Host.Access;

namespace ProvincePlatform.Host.Tests.Access;

/// <summary><c>ProvincePlatform.Host keys new</c>: a fresh key and the fingerprint that configuration holds for it.</summary>
public sealed partial class KeysCommandTests
{
    [Fact]
    public void Keys_new_prints_a_fresh_key_and_its_fingerprint()
    {
        var (first, firstFingerprint) = RunKeysNew();
        var (second, _) = RunKeysNew();

        Assert.Equal(ApiKeys.Sha256(first), firstFingerprint);
        Assert.True(ApiKeys.IsFingerprint(firstFingerprint));
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData]
    [InlineData("keys")]
    [InlineData("keys", "old")]
    [InlineData("keys", "New")]
    [InlineData("keys", "new", "extra")]
    public void Anything_else_prints_the_usage_and_exits_with_2(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = KeysCommand.Run(args, output, error);

        Assert.Equal(2, exitCode);
        Assert.Empty(output.ToString());
        Assert.Contains("keys new", error.ToString(), StringComparison.Ordinal);
    }

    private static (string Key, string Fingerprint) RunKeysNew()
    {
        using var writer = new StringWriter();

        Assert.Equal(0, KeysCommand.Run(["keys", "new"], writer, writer));

        var printed = writer.ToString();
        return (Assert.Single(Key().Matches(printed)).Groups[1].Value, Assert.Single(Fingerprint().Matches(printed)).Groups[1].Value);
    }

    [GeneratedRegex(@"^Key\b.*: (pp_[A-Za-z0-9_-]{43})$", RegexOptions.Multiline)]
    private static partial Regex Key();

    [GeneratedRegex(@"^KeySha256\b.*: +([0-9a-f]{64})$", RegexOptions.Multiline)]
    private static partial Regex Fingerprint();
}
