using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProvincePlatform.Host.Tests.Support;
using Xunit.Abstractions;

namespace ProvincePlatform.Host.Tests.Hostile;

/// <summary>
/// Thousands of generated malformed requests, to every route of the API the host maps: none may cause a 5xx, every
/// refusal is a problem document, and none carries the citizen's personal data back.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class HostileInputTests(GatewayFixture gateway, ITestOutputHelper output) : GatewayTest(gateway)
{
    private const int Seed = 20_261_201;

    /// <summary>Requests in flight at once: enough to overlap the client's and the server's work on two cores.</summary>
    private const int Parallelism = 6;

    private const int ShownFailures = 20;

    private int _retried;

    [Fact]
    public async Task Thousands_of_malformed_requests_to_every_route_are_refused_with_problem_documents()
    {
        var routes = ApiRoutes();
        Assert.Empty(ContractRoutes.All.Except(routes.Select(route => route.ToString())));
        var targets = await OpenTargetsAsync();
        var requests = new HostileRequestGenerator(targets, Seed).Generate(routes);

        var perRoute = requests.GroupBy(request => request.Route).ToDictionary(group => group.Key, group => group.Count());
        output.WriteLine($"{requests.Count} hostile requests to {routes.Count} routes:");
        foreach (var route in routes)
        {
            output.WriteLine($"{perRoute.GetValueOrDefault(route),6}  {route}");
        }

        Assert.True(requests.Count >= 1_000, $"Only {requests.Count} requests were generated.");
        Assert.All(routes, route => Assert.True(perRoute.GetValueOrDefault(route) >= 20, $"{route} got only {perRoute.GetValueOrDefault(route)} requests."));

        var failures = new ConcurrentBag<(int Index, string Failure)>();
        using var http = Gateway.ClientFor(TestClients.Admin, new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1 });
        await Parallel.ForEachAsync(
            Enumerable.Range(0, requests.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism },
            async (index, cancellationToken) =>
            {
                if (await CheckAsync(http, requests[index], targets, cancellationToken) is { } failure)
                {
                    failures.Add((index, $"{requests[index]}: {failure}"));
                }
            });

        output.WriteLine($"{_retried} requests needed a second attempt after the connection closed under them.");
        var shown = failures.OrderBy(failure => failure.Index).Take(ShownFailures).Select(failure => "  " + failure.Failure);
        Assert.True(failures.IsEmpty, $"{failures.Count} of {requests.Count} hostile requests were mishandled; the first {ShownFailures}:\n{string.Join('\n', shown)}");
    }

    /// <summary>What is wrong with the answer to one hostile request, or null when it is refused as it should be.</summary>
    private async Task<string?> CheckAsync(HttpClient http, HostileRequest request, HostileTargets targets, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(http, request, cancellationToken);
        if (response is null)
        {
            return "no answer, twice";
        }

        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (status >= 500)
        {
            return $"{status}";
        }

        if (request.RefusedByKestrel)
        {
            return status == 400 ? null : $"{status}, where Kestrel refuses with 400";
        }

        if (status < 300)
        {
            return request.MayBeValid ? null : $"{status}, accepted though invalid";
        }

        if (response.Content.Headers.ContentType?.MediaType != HttpJson.ProblemMediaType)
        {
            return $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not a problem document";
        }

        try
        {
            using var problem = JsonDocument.Parse(text);
            var root = problem.RootElement;
            if (!root.TryGetProperty("type", out var type) || type.GetString()?.StartsWith(HttpJson.ProblemTypePrefix, StringComparison.Ordinal) != true
                || !root.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString())
                || !root.TryGetProperty("status", out var problemStatus) || problemStatus.GetInt32() != status)
            {
                return $"{status} with a problem document lacking our type, a title or the status";
            }

            return targets.Echoes(Decoded(root)) ? $"{status} with the citizen's personal data in the problem document" : null;
        }
        catch (JsonException)
        {
            return $"{status} with a problem document that is not JSON";
        }
    }

    /// <summary>
    /// Sends the request, once more on a failure to get any answer: a connection the server has just closed after
    /// refusing an earlier request can fail the next request sent on it. Null when neither attempt got an answer.
    /// </summary>
    private async Task<HttpResponseMessage?> SendAsync(HttpClient http, HostileRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var message = request.ToMessage(Gateway.BaseAddress);
            // A connection of its own for every request: Kestrel closes one after some bare 400s, and a request
            // that the pool sent on it meanwhile would fail for reasons that have nothing to do with its content.
            message.Headers.ConnectionClose = true;
            try
            {
                return await http.SendAsync(message, cancellationToken);
            }
            catch (HttpRequestException)
            {
                // Tried again, on another connection.
                Interlocked.Increment(ref _retried);
            }
        }

        return null;
    }

    /// <summary>The routes under /api/v1 as the host's endpoint table lists them.</summary>
    private List<ApiRoute> ApiRoutes() =>
    [
        .. Gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new ApiRoute(method, endpoint.RoutePattern.RawText!.TrimEnd('/'))))
            .Distinct()
            .OrderBy(route => route.Template, StringComparer.Ordinal)
            .ThenBy(route => route.Method, StringComparer.Ordinal),
    ];

    /// <summary>A help point of its own with a session tomorrow evening, and a draft request.</summary>
    private async Task<HostileTargets> OpenTargetsAsync()
    {
        var helpPointId = await OpenHelpPointAsync(2);
        var requestId = await OpenDraftAsync();
        return new HostileTargets(CommuneCode, helpPointId, SessionId(Today.AddDays(1)), requestId);
    }

    /// <summary>Every name and string value of a document, unescaped, so that "\u00ED" cannot hide an "í".</summary>
    private static string Decoded(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => string.Join('\n', element.EnumerateObject().Select(member => member.Name + "\n" + Decoded(member.Value))),
        JsonValueKind.Array => string.Join('\n', element.EnumerateArray().Select(Decoded)),
        JsonValueKind.String => element.GetString() ?? string.Empty,
        _ => element.GetRawText(),
    };
}
