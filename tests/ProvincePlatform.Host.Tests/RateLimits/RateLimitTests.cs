using System.Net;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.RateLimits;

/// <summary>
/// Each client has a bucket of one minute's permits: <see cref="TestClients.Throttled"/> has 5, refilled one every
/// 12 s, so a burst of 20 gets its 5 (6 if a refill falls inside the burst) and 429s after that, and no one else is
/// slowed by it.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RateLimitTests(GatewayFixture gateway) : GatewayTest(gateway)
{
    private const int Burst = 20;

    [Fact]
    public async Task A_client_over_its_limit_gets_429_with_Retry_After_and_others_are_not_slowed()
    {
        using var throttled = Gateway.ClientFor(TestClients.Throttled);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < Burst; i++)
        {
            var response = await throttled.GetAsync("/api/v1/services");
            statuses.Add(response.StatusCode);
            refused ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.All(statuses.Take(TestClients.Throttled.PermitsPerMinute!.Value), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.InRange(statuses.Count(status => status == HttpStatusCode.OK), 5, 6);
        Assert.All(statuses, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.NotNull(refused);
        await HttpJson.ReadProblemAsync(refused, HttpStatusCode.TooManyRequests, "too-many-requests");
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 12 }, $"Retry-After was {refused.Headers.RetryAfter}");

        using var portal = Gateway.ClientFor(TestClients.Portal);
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/api/v1/services")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/api/v1/services")).StatusCode);
    }
}
