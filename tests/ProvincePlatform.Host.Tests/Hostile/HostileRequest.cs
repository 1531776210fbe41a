using System.Text.RegularExpressions;

namespace ProvincePlatform.Host.Tests.Hostile;

/// <summary>A route of the API as the host's endpoint table lists it: <c>POST /api/v1/help-points/{helpPointId}/closures</c>.</summary>
public sealed partial record ApiRoute(string Method, string Template)
{
    /// <summary>The names of the route's parameters, in the order the template gives them.</summary>
    public IReadOnlyList<string> Parameters => [.. Parameter().Matches(Template).Select(match => match.Groups["name"].Value)];

    public bool TakesBody => Method is "POST" or "PUT" or "PATCH";

    public override string ToString() => $"{Method} {Template}";

    [GeneratedRegex(@"\{(?<name>[^}:?=*]+)[^}]*\}")]
    private static partial Regex Parameter();
}

/// <summary>
/// One generated request: the route it aims at, what was done to make it hostile, and the bytes to send. The path
/// is sent exactly as written (percent-escapes and dot segments included), without the client's canonicalisation.
/// </summary>
public sealed record HostileRequest(ApiRoute Route, string Mutation, string Path)
{
    /// <summary>The method sent, which is the route's own unless the mutation is a method the route does not take.</summary>
    public string Method { get; init; } = Route.Method;

    public byte[]? Body { get; init; }

    /// <summary>The Content-Type header sent with <see cref="Body"/>; null sends none.</summary>
    public string? MediaType { get; init; } = "application/json";

    /// <summary>Whether the body goes out chunked, without a Content-Length.</summary>
    public bool Chunked { get; init; }

    /// <summary>
    /// Headers sent byte for byte: each character one byte (Latin-1), so that a value can hold bytes that are not
    /// UTF-8, and UTF-8 is written as its bytes (<c>"\u00C3\u00A9"</c> is é).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>
    /// Whether the request may be valid after all (a search for a script fragment is a search); such a request may be
    /// answered 2xx. Every other generated request must be refused with a 4xx.
    /// </summary>
    public bool MayBeValid { get; init; }

    /// <summary>Whether Kestrel refuses the request itself (a bare 400) before any of the gateway's code can answer.</summary>
    public bool RefusedByKestrel { get; init; }

    public HttpRequestMessage ToMessage(Uri baseAddress)
    {
        var uri = new Uri(baseAddress.GetLeftPart(UriPartial.Authority) + Path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var message = new HttpRequestMessage(new HttpMethod(Method), uri);
        if (Body is not null)
        {
            HttpContent content = Chunked ? new StreamContent(new UnknownLengthStream(Body)) : new ByteArrayContent(Body);
            if (MediaType is not null && !content.Headers.TryAddWithoutValidation("Content-Type", MediaType))
            {
                throw new InvalidOperationException($"The client refuses the Content-Type of {this}.");
            }

            message.Content = content;
        }

        foreach (var (name, value) in Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                throw new InvalidOperationException($"The client refuses the header {name} of {this}.");
            }
        }

        return message;
    }

    public override string ToString() => Method == Route.Method ? $"{Route} — {Mutation}" : $"{Method} on {Route} — {Mutation}";

    /// <summary>A stream that does not tell its length, so that the client sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}
