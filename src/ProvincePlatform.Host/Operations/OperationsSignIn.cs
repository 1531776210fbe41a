using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using ProvincePlatform.Host.Access;
using ProvincePlatform.Host.Gateway;

namespace ProvincePlatform.Host.Operations;

/// <summary>
/// The sign-in of people to the operations pages: <c>GET /ops/sign-in</c> shows a form asking for the key,
/// <c>POST /ops/sign-in</c> checks it and opens a session (see <see cref="OperationsAccess"/>) for an Ops or
/// ProvinceAdmin key, <c>POST /ops/sign-out</c> ends it. The form is posted by the page itself: a post from another site
/// (by <c>Sec-Fetch-Site</c>, else <c>Origin</c>) is refused, so no page elsewhere can sign a browser in with a key of
/// its choosing. Keys tried here spend from the same per-address bucket as keys tried on the API.
/// </summary>
public static partial class OperationsSignIn
{
    public const string KeyField = "key";
    public const string ReturnUrlField = "returnUrl";

    /// <summary>Where a signed-in person goes when the sign-in was not asked for by a page.</summary>
    public const string DefaultReturnUrl = OrleansDashboardForOps.Path + "/";

    public static void MapOperationsSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(OperationsAccess.SignInPath, (Delegate)ShowAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost(OperationsAccess.SignInPath, SignInAsync).AllowAnonymous().ExcludeFromDescription()
            .RequireRateLimiting(ClientRateLimit.PolicyName);
        endpoints.MapPost(OperationsAccess.SignOutPath, (Delegate)SignOutAsync).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> ShowAsync(HttpContext http)
    {
        var session = await http.AuthenticateAsync(OperationsAccess.SessionScheme);
        return Page(StatusCodes.Status200OK, ReturnUrlOf(http.Request.Query[ReturnUrlField]), session.Succeeded ? session.Principal : null, message: null);
    }

    private static async Task<IResult> SignInAsync(HttpContext http, GatewayClients clients, ILoggerFactory loggers)
    {
        if (!IsSameOrigin(http.Request))
        {
            return Problems.Of(ProblemType.Forbidden, "The sign-in form must be posted by this site's own page.");
        }

        if (!http.Request.HasFormContentType)
        {
            return Problems.Of(ProblemType.UnsupportedMediaType);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var returnUrl = ReturnUrlOf(form[ReturnUrlField]);
        var key = form[KeyField] is [{ } typed] ? typed.Trim() : "";
        var logger = loggers.CreateLogger(typeof(OperationsSignIn));
        var client = key.Length > 0 ? clients.Find(key) : null;
        if (client is null)
        {
            // The key is never logged or echoed: a near-miss may be a real key with a typo.
            LogUnknownKey(logger);
            return Page(StatusCodes.Status401Unauthorized, returnUrl, signedIn: null,
                "Khóa không đúng / This key is not known.");
        }

        if (!OperationsAccess.Admits(client.Role))
        {
            LogRefused(logger, client.Name, client.Role);
            return Page(StatusCodes.Status403Forbidden, returnUrl, signedIn: null,
                "Khóa này không được mở trang vận hành / This key may not open the operations pages.");
        }

        await http.SignInAsync(OperationsAccess.SessionScheme, OperationsAccess.SessionOf(client),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = false });
        LogSignedIn(logger, client.Name, client.Role);
        return SeeOther(http, returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        if (!IsSameOrigin(http.Request))
        {
            return Problems.Of(ProblemType.Forbidden, "The sign-out form must be posted by this site's own page.");
        }

        await http.SignOutAsync(OperationsAccess.SessionScheme);
        return SeeOther(http, OperationsAccess.SignInPath);
    }

    /// <summary>After a form post, the browser is sent on with a GET.</summary>
    private static IResult SeeOther(HttpContext http, string location)
    {
        http.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>
    /// Whether the post came from a page of this site. Browsers say so in <c>Sec-Fetch-Site</c>, or else in
    /// <c>Origin</c>, compared by host so that a proxy ending TLS in front of the host does not matter; a client that
    /// sends neither is not a browser, which cannot be tricked into posting.
    /// </summary>
    private static bool IsSameOrigin(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"] is [{ } site])
        {
            return site == "same-origin";
        }

        if (request.Headers.Origin is [{ } origin])
        {
            return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
        }

        return true;
    }

    /// <summary>Only a path under <c>/ops/</c> of this site: anything else would make the sign-in an open redirect.</summary>
    private static string ReturnUrlOf(string? asked) =>
        asked is { Length: > 0 and <= 2048 } url
        && url.StartsWith(OperationsAccess.PathPrefix + "/", StringComparison.Ordinal)
        && !url.Contains('\\', StringComparison.Ordinal)
        && !url.Any(char.IsControl)
            ? url
            : DefaultReturnUrl;

    private static SignInPage Page(int status, string returnUrl, ClaimsPrincipal? signedIn, string? message)
    {
        var html = HtmlEncoder.Default;
        var alert = message is null ? "" : $"<p role=\"alert\" class=\"error\">{html.Encode(message)}</p>";
        var body = signedIn?.Identity?.Name is { } name
            ? $$"""
                <p>Đang đăng nhập là / Signed in as <strong>{{html.Encode(name)}}</strong>.</p>
                <p><a href="{{html.Encode(returnUrl)}}">Mở bảng điều khiển Orleans / Open the Orleans dashboard</a></p>
                <form method="post" action="{{OperationsAccess.SignOutPath}}"><button type="submit">Đăng xuất / Sign out</button></form>
              """
            : $$"""
                {{alert}}
                <form method="post" action="{{OperationsAccess.SignInPath}}">
                  <label for="key">Khóa API (vai trò Ops hoặc ProvinceAdmin) / API key (role Ops or ProvinceAdmin)</label>
                  <input id="key" name="{{KeyField}}" type="password" autocomplete="off" required autofocus>
                  <input type="hidden" name="{{ReturnUrlField}}" value="{{html.Encode(returnUrl)}}">
                  <button type="submit">Đăng nhập / Sign in</button>
                </form>
              """;
        var page = $$"""
            <!DOCTYPE html>
            <html lang="vi">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>ProvincePlatform: vận hành / operations</title>
              <style>
                body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; }
                label, input, button { display: block; margin: 0.5rem 0; }
                input { width: 100%; padding: 0.4rem; }
                .error { color: #a00; }
              </style>
            </head>
            <body>
              <h1>ProvincePlatform: vận hành / operations</h1>
              {{body}}
            </body>
            </html>
            """;
        return new SignInPage(page, status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operations sign-in with an unknown key")]
    private static partial void LogUnknownKey(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operations sign-in refused to client {Client} ({Role})")]
    private static partial void LogRefused(ILogger logger, string client, GatewayRole role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {Client} ({Role}) signed in to the operations pages")]
    private static partial void LogSignedIn(ILogger logger, string client, GatewayRole role);

    /// <summary>The page, never cached, never framed (no other site can lay it under a decoy to catch clicks).</summary>
    private sealed class SignInPage(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers.XFrameOptions = "DENY";
            response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            return response.WriteAsync(html, httpContext.RequestAborted);
        }
    }
}
