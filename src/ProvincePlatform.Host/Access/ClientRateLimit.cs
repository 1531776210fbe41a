using System.Globalization;
using System.Threading.RateLimiting;
using ProvincePlatform.Host.Gateway;

namespace ProvincePlatform.Host.Access;

/// <summary>
/// The API's rate limit: a token bucket per client holding one minute of its permits and refilled evenly, so
/// a portal may burst but no client can take the cluster from the others; requests without a known key share a
/// small bucket per remote address, which makes guessing keys slow.
/// </summary>
public static class ClientRateLimit
{
    public const string PolicyName = "per-client";
    public const string AnonymousPermitsSetting = "Gateway:RateLimit:AnonymousPermitsPerMinute";
    public const int DefaultAnonymousPermitsPerMinute = 60;

    public static IServiceCollection AddClientRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var anonymousPermits = configuration.GetValue(AnonymousPermitsSetting, DefaultAnonymousPermitsPerMinute);
        if (anonymousPermits <= 0)
        {
            // Checked at start-up: the bucket is only made on the first anonymous request, which would answer 500.
            throw new InvalidOperationException($"{AnonymousPermitsSetting} must be positive");
        }

        return services.AddRateLimiter(options =>
        {
            options.AddPolicy(PolicyName, context => context.Features.Get<GatewayClient>() is { } client
                ? RateLimitPartition.GetTokenBucketLimiter(client.Name, _ => PerMinute(client.PermitsPerMinute))
                : RateLimitPartition.GetTokenBucketLimiter($"anonymous {context.Connection.RemoteIpAddress}", _ => PerMinute(anonymousPermits)));
            options.OnRejected = async (rejection, cancellationToken) =>
            {
                var wait = rejection.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                rejection.HttpContext.Response.Headers.RetryAfter =
                    Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Problems.Of(ProblemType.TooManyRequests).ExecuteAsync(rejection.HttpContext);
            };
        });
    }

    /// <summary>
    /// A bucket of one minute's permits, refilled in even steps: at least one token per step and at most one step a
    /// second, so that 5 a minute is one token every 12 s and 6,000 a minute is 100 tokens every second.
    /// </summary>
    private static TokenBucketRateLimiterOptions PerMinute(int permits)
    {
        var tokensPerStep = Math.Max(1, permits / 60);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits,
            TokensPerPeriod = tokensPerStep,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) * tokensPerStep / permits,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
