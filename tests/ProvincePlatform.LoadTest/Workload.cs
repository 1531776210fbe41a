using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ProvincePlatform.LoadTest;

/// <summary>What the workload books, lists and checks in: the help points of the provisioned communes and their sessions.</summary>
public sealed record HelpPointTarget(string Id, string CommuneCode, IReadOnlyList<string> FutureSessions, IReadOnlyList<string> TodaySessions);

/// <summary>
/// The realistic mix through the HTTP gateway, as a province admin: session listing, booking (a share of it on a few
/// popular sessions, with the waitlist), check-in, walk-in, request creation and submission, commune stats.
/// </summary>
public sealed class Workload
{
    public const string ListSessions = "sessions.list";
    public const string Book = "booking.create";
    public const string CheckIn = "booking.checkIn";
    public const string WalkIn = "walkIn.create";
    public const string CreateRequest = "request.create";
    public const string SubmitRequest = "request.submit";
    public const string ReadStats = "stats.commune";
    public const string Live = "health.live";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly DateOnly _today;
    private readonly IReadOnlyList<HelpPointTarget> _helpPoints;
    private readonly IReadOnlyList<(string HelpPointId, string SessionId)> _popular;
    private readonly IReadOnlyList<(string HelpPointId, string SessionId)> _todaySessions;

    /// <summary>Confirmed bookings of today's sessions, which check-in picks from (a second check-in is harmless).</summary>
    private readonly ConcurrentBag<string> _checkInPool = [];
    private readonly ThreadLocal<Random> _random = new(() => new Random(Random.Shared.Next()));

    private Workload(HttpClient http, DateOnly today, IReadOnlyList<HelpPointTarget> helpPoints, WorkloadOptions options)
    {
        _http = http;
        _today = today;
        _helpPoints = helpPoints;
        Options = options;
        _popular = [.. helpPoints.Where(point => point.FutureSessions.Count > 0).Take(options.PopularSessions)
            .Select(point => (point.Id, point.FutureSessions[0]))];
        _todaySessions = [.. helpPoints.SelectMany(point => point.TodaySessions.Select(session => (point.Id, session)))];
    }

    public WorkloadOptions Options { get; }

    public int HelpPointCount => _helpPoints.Count;

    public int TodaySessionCount => _todaySessions.Count;

    public int CheckInPoolSize => _checkInPool.Count;

    /// <summary>The rollout template of the issue: a commune office and five village houses, six help points a commune.</summary>
    public static object Template { get; } = new
    {
        communeOffice = new
        {
            computers = 3,
            openingHours = new object[]
            {
                new { days = new[] { "mon", "tue", "wed", "thu", "fri" }, start = "07:30", end = "11:30" },
                new { days = new[] { "mon", "tue", "wed", "thu", "fri" }, start = "13:30", end = "17:00" },
            },
        },
        villageHouses = new
        {
            count = 5,
            computers = 6,
            openingHours = new object[] { new { days = new[] { "mon", "tue", "wed", "thu", "fri", "sat", "sun" }, start = "19:00", end = "20:00" } },
        },
    };

    /// <summary>
    /// Provisions the communes (the rollout operation, polled until it ends), then reads their help points and the
    /// sessions of the coming days, and books a few seats of today's sessions for check-in to work on.
    /// </summary>
    public static async Task<Workload> SetUpAsync(HttpClient http, DateOnly today, object rolloutBody, WorkloadOptions options, TextWriter log)
    {
        var rollout = await RolloutAsync(http, rolloutBody, TimeSpan.FromMinutes(10), log);
        var communes = rollout.CommuneCodes ?? throw new InvalidOperationException("No communes.");
        var helpPoints = new ConcurrentBag<HelpPointTarget>();
        await Parallel.ForEachAsync(communes, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (commune, cancellationToken) =>
        {
            using var points = await http.GetFromJsonAsync<JsonDocument>($"/api/v1/communes/{commune}/help-points", s_json, cancellationToken)
                ?? throw new InvalidOperationException("No help points.");
            foreach (var point in points.RootElement.EnumerateArray())
            {
                var id = point.GetProperty("id").GetString()!;
                using var sessions = await http.GetFromJsonAsync<JsonDocument>(
                    $"/api/v1/help-points/{id}/sessions?from={Date(today)}&to={Date(today.AddDays(options.SessionDays))}", s_json, cancellationToken)
                    ?? throw new InvalidOperationException("No sessions.");
                var open = sessions.RootElement.EnumerateArray()
                    .Where(session => session.GetProperty("status").GetString() == "open")
                    .Select(session => session.GetProperty("id").GetString()!)
                    .ToList();
                helpPoints.Add(new HelpPointTarget(
                    id,
                    commune,
                    [.. open.Where(session => !session.StartsWith(Date(today), StringComparison.Ordinal))],
                    [.. open.Where(session => session.StartsWith(Date(today), StringComparison.Ordinal))]));
            }
        });

        var workload = new Workload(http, today, [.. helpPoints.OrderBy(point => point.Id, StringComparer.Ordinal)], options);
        var priming = new Recorders();
        foreach (var (helpPointId, sessionId) in workload._todaySessions)
        {
            for (var seat = 0; seat < 2; seat++)
            {
                await workload.BookAsync(priming, helpPointId, sessionId, waitlist: false, System.Diagnostics.Stopwatch.GetTimestamp());
            }
        }

        log.WriteLine($"  set up: {communes.Count} communes, {helpPoints.Count} help points, "
            + $"{helpPoints.Sum(point => point.FutureSessions.Count)} open sessions in the coming {options.SessionDays} days, "
            + $"{workload._todaySessions.Count} open today, {workload._checkInPool.Count} bookings primed for check-in");
        return workload;
    }

    /// <summary>Starts a rollout and polls its operation until it is no longer running.</summary>
    public static async Task<RolloutResult> RolloutAsync(HttpClient http, object body, TimeSpan within, TextWriter log)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var response = await http.PostAsJsonAsync("/api/v1/province/rollout", body, s_json);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"The rollout answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var operationId = (await response.Content.ReadFromJsonAsync<JsonElement>(s_json)).GetProperty("operationId").GetString();
        var lastPrinted = -1;
        while (true)
        {
            using var progress = await http.GetFromJsonAsync<JsonDocument>($"/api/v1/province/rollout/operations/{operationId}", s_json)
                ?? throw new InvalidOperationException("No operation.");
            var root = progress.RootElement;
            var (total, done, failed, status) = (root.GetProperty("total").GetInt32(), root.GetProperty("done").GetInt32(),
                root.GetProperty("failed").GetInt32(), root.GetProperty("status").GetString());
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (!string.Equals(status, "running", StringComparison.OrdinalIgnoreCase))
            {
                log.WriteLine($"  rollout {status}: {done}/{total} done, {failed} failed in {elapsed.TotalSeconds:F1} s");
                var codes = await RolledOutCommunesAsync(http);
                return new RolloutResult(total, done, failed, status ?? "", elapsed, codes);
            }

            if (elapsed > within)
            {
                throw new TimeoutException($"The rollout had done {done}/{total} after {elapsed}.");
            }

            var tenth = total == 0 ? 0 : done * 10 / total;
            if (tenth != lastPrinted)
            {
                log.WriteLine($"  rollout: {done}/{total} after {elapsed.TotalSeconds:F1} s");
                lastPrinted = tenth;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private static async Task<IReadOnlyList<string>> RolledOutCommunesAsync(HttpClient http)
    {
        using var rollout = await http.GetFromJsonAsync<JsonDocument>("/api/v1/province/rollout", s_json)
            ?? throw new InvalidOperationException("No rollout.");
        return [.. rollout.RootElement.GetProperty("communes").EnumerateArray()
            .Where(commune => commune.GetProperty("helpPointCount").GetInt32() > 0)
            .Select(commune => commune.GetProperty("code").GetString()!)];
    }

    /// <summary>The realistic mix: one operation drawn by the weights of <see cref="WorkloadOptions"/>.</summary>
    public Task MixAsync(Recorders recorders, long start, CancellationToken cancellationToken)
    {
        var weights = Options;
        var draw = _random.Value!.NextDouble() * weights.TotalWeight;
        if ((draw -= weights.ListWeight) < 0)
        {
            return ListAsync(recorders, start, cancellationToken);
        }

        if ((draw -= weights.BookWeight) < 0)
        {
            return BookOneAsync(recorders, start, cancellationToken);
        }

        if ((draw -= weights.CheckInWeight) < 0)
        {
            return CheckInAsync(recorders, start, cancellationToken);
        }

        if ((draw -= weights.WalkInWeight) < 0)
        {
            return WalkInAsync(recorders, start, cancellationToken);
        }

        if ((draw -= weights.RequestWeight) < 0)
        {
            return RequestAsync(recorders, start, cancellationToken);
        }

        return StatsAsync(recorders, start, cancellationToken);
    }

    /// <summary>GET the sessions of a random help point for the coming 7 days.</summary>
    public Task ListAsync(Recorders recorders, long start, CancellationToken cancellationToken)
    {
        var point = _helpPoints[_random.Value!.Next(_helpPoints.Count)];
        return SendAsync(recorders[ListSessions], start, HttpMethod.Get,
            $"/api/v1/help-points/{point.Id}/sessions?from={Date(_today)}&to={Date(_today.AddDays(6))}", null, cancellationToken);
    }

    /// <summary>
    /// POST a booking with the waitlist: a share on a few popular sessions (contention on one ledger, and a growing
    /// waitlist), the rest on a random future session, and another share on today's sessions so check-in has work.
    /// </summary>
    public Task BookOneAsync(Recorders recorders, long start, CancellationToken cancellationToken)
    {
        var random = _random.Value!;
        var draw = random.NextDouble();
        if (draw < Options.PopularShare && _popular.Count > 0)
        {
            var (helpPointId, sessionId) = _popular[random.Next(_popular.Count)];
            return BookAsync(recorders, helpPointId, sessionId, waitlist: true, start, cancellationToken);
        }

        if (draw < Options.PopularShare + Options.TodayShare && _todaySessions.Count > 0)
        {
            var (helpPointId, sessionId) = _todaySessions[random.Next(_todaySessions.Count)];
            return BookAsync(recorders, helpPointId, sessionId, waitlist: true, start, cancellationToken);
        }

        var point = _helpPoints[random.Next(_helpPoints.Count)];
        if (point.FutureSessions.Count == 0)
        {
            return ListAsync(recorders, start, cancellationToken);
        }

        return BookAsync(recorders, point.Id, point.FutureSessions[random.Next(point.FutureSessions.Count)], waitlist: true, start, cancellationToken);
    }

    /// <summary>POST a check-in of a confirmed booking of today (again, at times: twice is harmless).</summary>
    public Task CheckInAsync(Recorders recorders, long start, CancellationToken cancellationToken)
    {
        if (!_checkInPool.TryPeek(out _))
        {
            return BookOneAsync(recorders, start, cancellationToken);
        }

        var pool = _checkInPool.ToArray();
        var bookingId = pool[_random.Value!.Next(pool.Length)];
        return SendAsync(recorders[CheckIn], start, HttpMethod.Post, $"/api/v1/bookings/{bookingId}/check-in", null, cancellationToken);
    }

    /// <summary>POST a walk-in on one of today's sessions: a free seat, or 409 when none is left.</summary>
    public Task WalkInAsync(Recorders recorders, long start, CancellationToken cancellationToken)
    {
        if (_todaySessions.Count == 0)
        {
            return ListAsync(recorders, start, cancellationToken);
        }

        var (helpPointId, sessionId) = _todaySessions[_random.Value!.Next(_todaySessions.Count)];
        return SendAsync(recorders[WalkIn], start, HttpMethod.Post, $"/api/v1/help-points/{helpPointId}/sessions/{sessionId}/walk-ins",
            new { citizen = Citizens.New(_random.Value!), serviceCode = "criminalRecord" }, cancellationToken);
    }

    /// <summary>POST a request (a criminal record certificate, its form complete), then POST its submission.</summary>
    public async Task RequestAsync(Recorders recorders, long start, CancellationToken cancellationToken)
    {
        var point = _helpPoints[_random.Value!.Next(_helpPoints.Count)];
        var body = new
        {
            citizen = Citizens.New(_random.Value!),
            serviceCode = "criminalRecord",
            form = new Dictionary<string, string> { ["certificateType"] = "1", ["purpose"] = "Bổ sung hồ sơ xin việc", ["copies"] = "1" },
        };
        using var created = await SendRawAsync(recorders[CreateRequest], start, HttpMethod.Post, $"/api/v1/communes/{point.CommuneCode}/requests", body, cancellationToken);
        if (created is not { StatusCode: HttpStatusCode.Created })
        {
            return;
        }

        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(s_json, cancellationToken)).GetProperty("id").GetString();
        await SendAsync(recorders[SubmitRequest], System.Diagnostics.Stopwatch.GetTimestamp(), HttpMethod.Post, $"/api/v1/requests/{id}/submit", null, cancellationToken);
    }

    /// <summary>GET a commune's stats for the past week.</summary>
    public Task StatsAsync(Recorders recorders, long start, CancellationToken cancellationToken)
    {
        var point = _helpPoints[_random.Value!.Next(_helpPoints.Count)];
        return SendAsync(recorders[ReadStats], start, HttpMethod.Get,
            $"/api/v1/communes/{point.CommuneCode}/stats?from={Date(_today.AddDays(-7))}&to={Date(_today)}", null, cancellationToken);
    }

    /// <summary>GET /health/live: the trivial endpoint, the host's HTTP ceiling.</summary>
    public static Task LiveAsync(HttpClient http, Recorders recorders, long start, CancellationToken cancellationToken) =>
        SendAsync(http, recorders[Live], start, HttpMethod.Get, "/health/live", null, cancellationToken);

    /// <summary>Books a seat; a confirmed booking of today goes to the check-in pool.</summary>
    public async Task BookAsync(Recorders recorders, string helpPointId, string sessionId, bool waitlist, long start, CancellationToken cancellationToken = default)
    {
        var body = new { citizen = Citizens.New(_random.Value!), serviceCode = "criminalRecord", waitlist };
        using var response = await SendRawAsync(recorders[Book], start, HttpMethod.Post,
            $"/api/v1/help-points/{helpPointId}/sessions/{sessionId}/bookings", body, cancellationToken);
        if (response is { StatusCode: HttpStatusCode.Created } && sessionId.StartsWith(Date(_today), StringComparison.Ordinal))
        {
            var booking = await response.Content.ReadFromJsonAsync<JsonElement>(s_json, cancellationToken);
            if (booking.GetProperty("status").GetString() == "confirmed")
            {
                _checkInPool.Add(booking.GetProperty("id").GetString()!);
            }
        }
    }

    private Task SendAsync(LatencyRecorder recorder, long start, HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(_http, recorder, start, method, path, body, cancellationToken);

    private async Task<HttpResponseMessage?> SendRawAsync(LatencyRecorder recorder, long start, HttpMethod method, string path, object? body, CancellationToken cancellationToken) =>
        await SendRawAsync(_http, recorder, start, method, path, body, cancellationToken);

    private static async Task SendAsync(HttpClient http, LatencyRecorder recorder, long start, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(http, recorder, start, method, path, body, cancellationToken);
    }

    /// <summary>Sends one request and records its latency (to the end of its body) and status; no answer counts as status 0.</summary>
    public static async Task<HttpResponseMessage?> SendRawAsync(HttpClient http, LatencyRecorder recorder, long start, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: s_json);
        }

        try
        {
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            recorder.Record(Recorders.Since(start), response.StatusCode);
            return response;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            recorder.Record(Recorders.Since(start), 0);
            return null;
        }
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>How a rollout ended, and the communes that have help points afterwards.</summary>
public sealed record RolloutResult(int Total, int Done, int Failed, string Status, TimeSpan Elapsed, IReadOnlyList<string>? CommuneCodes);

/// <summary>The mix's weights and the booking contention.</summary>
public sealed record WorkloadOptions
{
    public double ListWeight { get; init; } = 40;

    public double BookWeight { get; init; } = 25;

    public double CheckInWeight { get; init; } = 8;

    public double WalkInWeight { get; init; } = 2;

    public double RequestWeight { get; init; } = 10;

    public double StatsWeight { get; init; } = 15;

    public double TotalWeight => ListWeight + BookWeight + CheckInWeight + WalkInWeight + RequestWeight + StatsWeight;

    /// <summary>The share of bookings that go to the few popular sessions (first come first served, then the waitlist).</summary>
    public double PopularShare { get; init; } = 0.1;

    /// <summary>The share of bookings on today's sessions, whose confirmed ones check-in works on.</summary>
    public double TodayShare { get; init; } = 0.1;

    public int PopularSessions { get; init; } = 3;

    /// <summary>How many days ahead bookings go: enough seats that the sessions do not all fill up during a run.</summary>
    public int SessionDays { get; init; } = 30;
}
