using System.Net;
using System.Text;
using System.Text.Json;
using ProvincePlatform.Host.Access;

namespace ProvincePlatform.Host.Tests.Rollout.Command;

/// <summary>
/// The gateway as the command sees it, scripted: the answer to the POST, then one answer per poll (the last one
/// repeated). Every request is kept with its key and body, so a test can say what the command sent.
/// </summary>
public sealed class FakeRolloutGateway : HttpMessageHandler
{
    public const string OperationId = "ro-test1";

    private readonly Queue<Func<HttpResponseMessage>> _polls = new();
    private Func<HttpResponseMessage> _lastPoll = () => Json(HttpStatusCode.NotFound, "{}");

    public Func<HttpResponseMessage> Start { get; set; } = () => Accepted(3);

    public List<SentRequest> Sent { get; } = [];

    /// <summary>Runs as each poll arrives, with how many have arrived: a test presses Ctrl+C from here.</summary>
    public Action<int>? OnPoll { get; set; }

    public int Polls => Sent.Count(request => request.Method == HttpMethod.Get);

    public FakeRolloutGateway ThenPoll(params Func<HttpResponseMessage>[] answers)
    {
        foreach (var answer in answers)
        {
            _polls.Enqueue(answer);
            _lastPoll = answer;
        }

        return this;
    }

    public FakeRolloutGateway ThenOperation(params string[] operations) =>
        ThenPoll([.. operations.Select(operation => (Func<HttpResponseMessage>)(() => Json(HttpStatusCode.OK, operation)))]);

    public static HttpResponseMessage Accepted(int total) =>
        Json(HttpStatusCode.Accepted, $$"""{"operationId":"{{OperationId}}","total":{{total}}}""");

    public static string Operation(string status, int total, int provisioned, int skipped = 0, int failed = 0, string failures = "[]") =>
        $$"""
        {"operationId":"{{OperationId}}","status":"{{status}}","total":{{total}},"done":{{provisioned + skipped}},"failed":{{failed}},
         "provisioned":{{provisioned}},"skipped":{{skipped}},"startedAt":"2026-12-01T08:00:00+07:00",
         "finishedAt":{{(status == "running" ? "null" : "\"2026-12-01T08:00:05+07:00\"")}},"failures":{{failures}}}
        """;

    public static HttpResponseMessage Problem(HttpStatusCode status, string problem) =>
        new(status) { Content = new StringContent(problem, Encoding.UTF8, "application/problem+json") };

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var key = request.Headers.TryGetValues(ApiKeys.HeaderName, out var keys) ? keys.Single() : null;
        Sent.Add(new SentRequest(request.Method, request.RequestUri!, key, body));
        if (request.Method == HttpMethod.Post)
        {
            return Start();
        }

        OnPoll?.Invoke(Polls);
        cancellationToken.ThrowIfCancellationRequested();
        return (_polls.TryDequeue(out var answer) ? answer : _lastPoll)();
    }
}

public sealed record SentRequest(HttpMethod Method, Uri Uri, string? Key, string? Body)
{
    public JsonElement Json() => JsonDocument.Parse(Body ?? "null").RootElement.Clone();
}
