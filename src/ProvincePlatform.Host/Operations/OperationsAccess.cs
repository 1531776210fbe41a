using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using ProvincePlatform.Host.Access;

namespace ProvincePlatform.Host.Operations;

/// <summary>
/// Who may open the operations pages (<c>/ops/…</c>, the Orleans dashboard): a client whose role is
/// <see cref="GatewayRole.Ops"/> or <see cref="GatewayRole.ProvinceAdmin"/>, known either by its <c>X-Api-Key</c>
/// header (scripts and API tools) or, for people in a browser, which cannot send a header when it navigates, by an
/// operations session: a cookie that <c>/ops/sign-in</c> sets once the key has been checked.
/// </summary>
/// <remarks>
/// The session cookie holds an ASP.NET Core authentication ticket, encrypted and signed by the host's data protection
/// keys, naming the client and its key's fingerprint, never the key. It is HttpOnly (no script reads it),
/// SameSite=Strict (no other site's page can make the browser send it), Secure whenever the request came by HTTPS,
/// scoped to <c>/ops</c> and accepted by no other route, so it opens the dashboard and nothing else, not even for a
/// province admin's key; it ends when the browser closes or after <see cref="SessionLifetime"/>. Every request checks the
/// ticket against <c>Gateway:Clients</c> again, so removing a client, changing its key or its role ends its sessions
/// at once.
/// </remarks>
public static class OperationsAccess
{
    /// <summary>The authorisation policy of every operations page.</summary>
    public const string PolicyName = "operations";

    /// <summary>The authentication scheme of the browser session.</summary>
    public const string SessionScheme = "OpsSession";

    /// <summary>The rate limit of the operations pages.</summary>
    public const string RateLimitPolicy = "operations";

    public const string CookieName = "pp_ops";
    public const string PathPrefix = "/ops";
    public const string SignInPath = "/ops/sign-in";
    public const string SignOutPath = "/ops/sign-out";

    /// <summary>The claim that ties a session to the key it was opened with: the key's SHA-256, as configuration holds it.</summary>
    public const string KeyFingerprintClaim = "urn:provinceplatform:key-sha256";

    /// <summary>A working day: after it, the browser signs in again.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    private static readonly string[] s_roles = [nameof(GatewayRole.Ops), nameof(GatewayRole.ProvinceAdmin)];

    /// <summary>Whether a client of this role may open the operations pages.</summary>
    public static bool Admits(GatewayRole role) => role is GatewayRole.Ops or GatewayRole.ProvinceAdmin;

    /// <summary>The identity of a session opened with this client's key.</summary>
    public static ClaimsPrincipal SessionOf(GatewayClient client) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, client.Name),
            new Claim(ClaimTypes.Role, client.Role.ToString()),
            new Claim(KeyFingerprintClaim, client.KeySha256),
        ],
        SessionScheme));

    public static void AddOperationsAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddCookie(SessionScheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.Path = PathPrefix;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.IsEssential = true;
            options.ExpireTimeSpan = SessionLifetime;
            options.SlidingExpiration = false;
            options.LoginPath = SignInPath;
            options.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = ValidateSessionAsync,
                // Refusals are answered by the gateway's result handler (and OperationsSignInRedirect); the cookie
                // handler itself never redirects an API tool.
                OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden),
            };
        });
        builder.Services.AddAuthorization(options => options.AddPolicy(PolicyName, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName, SessionScheme)
            .RequireRole(s_roles)));
        builder.Services.AddOperationsRateLimit(builder.Configuration);
        OperationsSignInRedirect.Decorate(builder.Services);
    }

    /// <summary>A session stands only while its client is still configured with the same key and an admitted role.</summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var clients = context.HttpContext.RequestServices.GetRequiredService<GatewayClients>();
        var principal = context.Principal;
        var fingerprint = principal?.FindFirstValue(KeyFingerprintClaim);
        var name = principal?.Identity?.Name;
        var client = fingerprint is null ? null : clients.All.FirstOrDefault(candidate => candidate.KeySha256 == fingerprint);
        if (client is null || client.Name != name || !Admits(client.Role) || !principal!.IsInRole(client.Role.ToString()))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SessionScheme);
        }
    }

    private static Task Status<TOptions>(RedirectContext<TOptions> context, int status)
        where TOptions : AuthenticationSchemeOptions
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>
    /// The rate limit of the operations pages: a request with an <c>X-Api-Key</c> spends from its client's bucket (one
    /// minute's permits), or, when the key is unknown, from its address's small one, so that guessing keys here is as
    /// slow as on the API; a browser session is not limited, since its ticket cannot be guessed.
    /// </summary>
    private static void AddOperationsRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var anonymousPermits = configuration.GetValue(ClientRateLimit.AnonymousPermitsSetting, ClientRateLimit.DefaultAnonymousPermitsPerMinute);
        services.AddRateLimiter(options => options.AddPolicy(RateLimitPolicy, context =>
            context.Features.Get<GatewayClient>() is { } client
                ? RateLimitPartition.GetFixedWindowLimiter($"ops {client.Name}", _ => PerMinute(client.PermitsPerMinute))
                : context.Request.Headers.ContainsKey(ApiKeys.HeaderName)
                    ? RateLimitPartition.GetFixedWindowLimiter($"ops anonymous {context.Connection.RemoteIpAddress}", _ => PerMinute(anonymousPermits))
                    : RateLimitPartition.GetNoLimiter("ops session")));
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };
}
