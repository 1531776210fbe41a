using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ProvincePlatform.Host.Access;

/// <summary>
/// Authenticates a request by its <c>X-Api-Key</c> header against <see cref="GatewayClients"/>. The client found is
/// kept as a request feature too, for the commune scope, the audit and the rate limit that follow.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    GatewayClients clients)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeys.HeaderName, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (values is not [{ } key] || clients.Find(key) is not { } client)
        {
            // The key is never logged or echoed: a near-miss may be a real key with a typo.
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        Context.Features.Set(client);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, client.Name), new Claim(ClaimTypes.Role, client.Role.ToString())],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = SchemeName;
        return base.HandleChallengeAsync(properties);
    }
}
