using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProvincePlatform.Host.Access;

namespace ProvincePlatform.Host.Tests.Access;

/// <summary>The rate limit's own settings, checked when the host starts rather than on the first request.</summary>
public sealed class ClientRateLimitTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void An_anonymous_rate_limit_below_one_stops_the_host(string permits)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new(ClientRateLimit.AnonymousPermitsSetting, permits)])
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddClientRateLimit(configuration));

        Assert.StartsWith(ClientRateLimit.AnonymousPermitsSetting, error.Message, StringComparison.Ordinal);
    }
}
