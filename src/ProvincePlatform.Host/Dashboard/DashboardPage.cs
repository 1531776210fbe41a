using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;
using ProvincePlatform.Host.Gateway;

namespace ProvincePlatform.Host.Dashboard;

/// <summary>
/// The province dashboard for people at <c>/dashboard</c>: a static page (HTML, CSS and two scripts of our own in
/// <c>Dashboard/Page/</c>, embedded in this assembly so a published host needs no folder beside it) that reads the
/// API with a key the person types in. The page holds no data, so it needs no key and is not audited; every figure it
/// shows comes through <c>/api/v1</c>, whose key, roles and audit apply as to any other client. Every answer carries a
/// strict Content-Security-Policy (no inline script or style, no other origin), since the page handles a key and shows
/// names from the register.
/// </summary>
public static class DashboardPage
{
    public const string Path = "/dashboard";

    public const string IndexFile = "index.html";

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private const string ResourcePrefix = "ProvincePlatform.Host.Dashboard.Page.";

    private static readonly FrozenDictionary<string, string> s_contentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Maps <c>GET /dashboard</c> (the page) and <c>GET /dashboard/{file}</c> (its styles and scripts).</summary>
    public static IEndpointRouteBuilder MapDashboardPage(this IEndpointRouteBuilder routes)
    {
        // Read once at start-up: a file missing from the build fails the host at once, not a person's first visit.
        var files = Load();
        var index = files[IndexFile];
        routes.MapGet(Path, () => index).AllowAnonymous().ExcludeFromDescription();
        routes.MapGet(Path + "/{file}", (string file) => files.TryGetValue(file, out var found)
                ? (IResult)found
                : Problems.Of(ProblemType.NotFound, "Trang tổng quan không có tệp này / The dashboard has no such file."))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return routes;
    }

    /// <summary>The page's files by name (<c>index.html</c>, <c>dashboard.css</c>, …), from the embedded resources.</summary>
    private static FrozenDictionary<string, PageFile> Load()
    {
        var assembly = typeof(DashboardPage).Assembly;
        var files = new Dictionary<string, PageFile>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            if (!s_contentTypes.TryGetValue(System.IO.Path.GetExtension(name), out var contentType))
            {
                throw new InvalidOperationException($"The dashboard file {name} has no content type; add its extension to {nameof(DashboardPage)}.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The embedded resource {resource} cannot be read.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name] = new PageFile(copy.ToArray(), contentType);
        }

        if (!files.ContainsKey(IndexFile))
        {
            throw new InvalidOperationException($"The dashboard's {IndexFile} is not embedded in {assembly.GetName().Name}.");
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// One file of the page. <c>no-cache</c> with a strong ETag: a browser may keep it but asks every time, so a new
    /// version of the host is seen at once, and an unchanged file costs a 304.
    /// </summary>
    private sealed class PageFile(byte[] content, string contentType) : IResult
    {
        private readonly EntityTagHeaderValue _etag = new($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"");

        public Task ExecuteAsync(HttpContext httpContext)
        {
            var request = httpContext.Request;
            var response = httpContext.Response;
            var headers = response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-cache";
            headers.ETag = _etag.ToString();

            if (EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var asked)
                && asked.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(_etag, useStrongComparison: false)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType;
            response.ContentLength = content.Length;
            return response.Body.WriteAsync(content, httpContext.RequestAborted).AsTask();
        }
    }
}
