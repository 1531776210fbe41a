using System.Collections.Immutable;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ProvincePlatform.Cluster.Tests.Support;

namespace ProvincePlatform.Cluster.Tests.Resilience;

/// <summary>One answer of the gateway, or the reason none came (<c>timeout</c>, <c>connection …</c>).</summary>
public sealed record CallResult(HttpStatusCode? Status, string Text, string Kind)
{
    public bool IsSuccess => Status is { } status && (int)status is >= 200 and < 300;

    /// <summary>A 4xx: the platform answered and refused.</summary>
    public bool IsRefusal => Status is { } status && (int)status is >= 400 and < 500;

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Text);
        return document.RootElement.Clone();
    }
}

/// <summary>
/// The gateways the load goes through, in turn, as a load balancer would: a killed silo leaves the rotation when it
/// is killed (the balancer's health check), its replacement joins once it is ready.
/// </summary>
public sealed class Gateways(IEnumerable<SiloProcess> silos)
{
    private ImmutableArray<SiloProcess> _silos = [.. silos];
    private int _next;

    public ImmutableArray<SiloProcess> Current => _silos;

    public SiloProcess Next()
    {
        var silos = _silos;
        return silos[(int)((uint)Interlocked.Increment(ref _next) % (uint)silos.Length)];
    }

    public void Remove(SiloProcess silo) => ImmutableInterlocked.Update(ref _silos, all => all.Remove(silo));

    public void Add(SiloProcess silo) => ImmutableInterlocked.Update(ref _silos, all => all.Add(silo));
}

/// <summary>
/// Closed-loop load of N workers: bookings (most on a few popular sessions, mostly with waitlist), cancellations
/// of acknowledged bookings, requests opened and submitted (some submits sent several times at once, with and
/// without an Idempotency-Key). Every acknowledged write goes into the <see cref="LoadLedger"/>.
/// </summary>
public sealed class ResilienceLoad(Gateways gateways, LoadLedger ledger, IReadOnlyList<LoadTarget> helpPoints, IReadOnlyList<string> communes, IReadOnlyList<DateOnly> days)
{
    /// <summary>Shorter than the silos' own response time-out, so a worker stuck on a dead silo comes back to work.</summary>
    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(15);

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private int _keys;

    public Task RunAsync(int workers, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(stop), CancellationToken.None)));

    /// <summary>Sends one call through the given silo, within the call time-out; never throws for a missing answer.</summary>
    public static async Task<CallResult> CallAsync(SiloProcess silo, HttpMethod method, string uri, object? body = null, string? idempotencyKey = null)
    {
        using var timeout = new CancellationTokenSource(s_callTimeout);
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body, s_json), Encoding.UTF8, "application/json");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        try
        {
            using var response = await silo.Http.SendAsync(request, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            return new CallResult(response.StatusCode, text, KindOf(response.StatusCode, text));
        }
        catch (OperationCanceledException)
        {
            return new CallResult(null, "", "timeout");
        }
        catch (HttpRequestException exception)
        {
            return new CallResult(null, exception.Message, $"connection {exception.HttpRequestError}");
        }
    }

    private static string KindOf(HttpStatusCode status, string text)
    {
        var code = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if ((int)status is >= 200 and < 300)
        {
            return code;
        }

        try
        {
            using var problem = JsonDocument.Parse(text);
            return problem.RootElement.TryGetProperty("type", out var type) && type.GetString() is { } uri
                ? $"{code} {uri.Replace(Answer.ProblemTypePrefix, "", StringComparison.Ordinal)}"
                : code;
        }
        catch (JsonException)
        {
            return code;
        }
    }

    private async Task WorkAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var roll = Random.Shared.Next(100);
            var work = roll < 55 ? BookAsync()
                : roll < 67 ? CancelAsync()
                : roll < 82 ? OpenRequestAsync()
                : SubmitAsync();
            await work;
        }
    }

    private async Task BookAsync()
    {
        var helpPoint = helpPoints[Random.Shared.Next(helpPoints.Count)];
        // Most on the first day, so a few sessions carry long waitlists and real contention for their seats.
        var day = days[Random.Shared.Next(100) < 60 ? 0 : Random.Shared.Next(days.Count)];
        var session = VietnamDates.SessionId(day);
        var waitlist = Random.Shared.Next(100) < 85;
        var result = await CallAsync(gateways.Next(), HttpMethod.Post, $"/api/v1/help-points/{helpPoint.Id}/sessions/{session}/bookings",
            PlatformApi.Booking(TestCitizens.NewIdNumber(), waitlist));
        if (Record(result, "book", HttpStatusCode.Created))
        {
            var booked = result.Json();
            ledger.BookingAcknowledged(new TrackedBooking(booked.Text("id"), helpPoint.Id, session, booked.Text("status")));
        }
    }

    private async Task CancelAsync()
    {
        if (ledger.AnyBooking(booking => !booking.CancelSent) is not { } booking)
        {
            return;
        }

        booking.CancelSent = true;
        var result = await CallAsync(gateways.Next(), HttpMethod.Delete, $"/api/v1/bookings/{booking.Id}");
        if (result.Status == HttpStatusCode.NotFound)
        {
            ledger.Anomaly($"cancel of acknowledged booking {booking.Id} answered 404: {result.Text}");
        }

        if (Record(result, "cancel", HttpStatusCode.NoContent))
        {
            booking.CancelAcknowledged = true;
            ledger.WriteAcknowledged("cancel");
        }
    }

    private async Task OpenRequestAsync()
    {
        var commune = communes[Random.Shared.Next(communes.Count)];
        var result = await CallAsync(gateways.Next(), HttpMethod.Post, $"/api/v1/communes/{commune}/requests",
            new { citizen = PlatformApi.Citizen(TestCitizens.NewIdNumber()), serviceCode = PlatformApi.ServiceCode, form = PlatformApi.BirthForm() });
        if (Record(result, "open request", HttpStatusCode.Created))
        {
            ledger.RequestAcknowledged(new TrackedRequest(result.Json().Text("id"), commune));
        }
    }

    /// <summary>
    /// Submits a request: once, or two or three times at once (as a citizen double-tapping, or a portal retrying),
    /// with one Idempotency-Key shared by the copies or none; now and then one already submitted, again.
    /// </summary>
    private async Task SubmitAsync()
    {
        var again = Random.Shared.Next(100) < 15;
        if (ledger.AnyRequest(request => again ? request.SubmitsAcknowledged > 0 : request.SubmitsSent == 0) is not { } request)
        {
            return;
        }

        var copies = Random.Shared.Next(100) < 40 ? 1 : Random.Shared.Next(2, 4);
        var key = Random.Shared.Next(2) == 0 ? null : $"resilience-{Interlocked.Increment(ref _keys)}";
        await Task.WhenAll(Enumerable.Range(0, copies).Select(async _ =>
        {
            request.SubmitSent();
            var result = await CallAsync(gateways.Next(), HttpMethod.Post, $"/api/v1/requests/{request.Id}/submit", idempotencyKey: key);
            if (result.Status == HttpStatusCode.NotFound)
            {
                ledger.Anomaly($"submit of acknowledged request {request.Id} answered 404: {result.Text}");
            }

            if (Record(result, "submit", HttpStatusCode.Accepted))
            {
                request.SubmitAcknowledged();
                ledger.WriteAcknowledged("submit");
            }
        }));
    }

    /// <summary>Counts an answer that is not the acknowledgement expected; true when it is.</summary>
    private bool Record(CallResult result, string operation, HttpStatusCode acknowledged)
    {
        if (result.Status == acknowledged)
        {
            return true;
        }

        if (result.IsRefusal)
        {
            ledger.Refused($"{operation}: {result.Kind}");
        }
        else
        {
            ledger.Failed($"{operation}: {result.Kind}");
            if (result.Status == HttpStatusCode.InternalServerError)
            {
                ledger.Anomaly($"{operation} answered 500: {result.Text}");
            }
        }

        return false;
    }
}

/// <summary>A help point the load books into, and how many computers (seats per session) it has.</summary>
public sealed record LoadTarget(string Id, string CommuneCode, int Capacity);
