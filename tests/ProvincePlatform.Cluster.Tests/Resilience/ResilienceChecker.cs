using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Npgsql;
using ProvincePlatform.Cluster.Tests.Support;

namespace ProvincePlatform.Cluster.Tests.Resilience;

/// <summary>
/// After the load: holds the platform to every write it acknowledged, from the API (each booking and request read
/// back, each session's seats), from the portal simulator (the dossiers by client reference) and from the database
/// (the grain state rows). Collects what it finds wrong in four lists rather than stopping at the first.
/// </summary>
public sealed class ResilienceChecker(
    Gateways gateways, LoadLedger ledger, IReadOnlyList<LoadTarget> helpPoints, IReadOnlyList<DateOnly> days,
    PortalSimulatorProcess portal, string connectionString, Func<string> diagnostics)
{
    /// <summary>How long one read may keep failing (a 503, no answer) before the checker gives up on it.</summary>
    private static readonly TimeSpan s_readDeadline = TimeSpan.FromSeconds(30);

    private static readonly string[] s_filedStatuses = ["submitted", "processing", "supplementRequested", "completed", "rejected"];

    private readonly ConcurrentQueue<string> _lost = new();
    private readonly ConcurrentQueue<string> _overbooked = new();
    private readonly ConcurrentQueue<string> _duplicated = new();
    private readonly ConcurrentQueue<string> _inconsistent = new();

    /// <summary>Acknowledged writes the platform no longer shows, or shows undone.</summary>
    public IReadOnlyCollection<string> Lost => _lost;

    /// <summary>Sessions with more seats taken than computers.</summary>
    public IReadOnlyCollection<string> Overbooked => _overbooked;

    /// <summary>Requests with more than one dossier at the portal.</summary>
    public IReadOnlyCollection<string> Duplicated => _duplicated;

    /// <summary>Anything else that contradicts the contract: a stranded waitlist, a filing still pending, a stray dossier.</summary>
    public IReadOnlyCollection<string> Inconsistent => _inconsistent;

    public int SessionsChecked { get; private set; }

    public int DossiersAtPortal { get; private set; }

    public string StoredStates { get; private set; } = "";

    /// <summary>
    /// Waits, bounded, until no request the load submitted (acknowledged or not) is still <c>submitting</c>: the
    /// filings whose first attempt was cut short by a fault must be finished by the platform's own retries. Returns
    /// how long that took, or null when some were still pending at the deadline; those are described in
    /// <see cref="Inconsistent"/> with what each silo, the portal and the database say of them.
    /// </summary>
    public async Task<TimeSpan?> SettleFilingsAsync(TimeSpan within)
    {
        var pending = ledger.Requests().Where(request => request.SubmitsSent > 0).Select(request => request.Id).ToHashSet();
        try
        {
            return await Poll.UntilAsync("every submitted request has left 'submitting'", within, async () =>
            {
                var still = new ConcurrentBag<string>();
                await Parallel.ForEachAsync(pending.ToList(), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
                {
                    var result = await ResilienceLoad.CallAsync(gateways.Next(), HttpMethod.Get, $"/api/v1/requests/{id}");
                    if (!result.IsSuccess || result.Json().Text("status") == "submitting")
                    {
                        still.Add($"{id}: {(result.IsSuccess ? "submitting" : result.Kind)}");
                    }
                    else
                    {
                        lock (pending)
                        {
                            pending.Remove(id);
                        }
                    }
                });
                return still.IsEmpty ? Observation.Yes() : Observation.No($"{still.Count} still pending: {string.Join("; ", still.Take(10))}");
            });
        }
        catch (Xunit.Sdk.XunitException)
        {
            foreach (var id in pending)
            {
                var sent = ledger.Requests().First(request => request.Id == id);
                _inconsistent.Enqueue($"request {id} ({sent.SubmitsSent} submits sent, {sent.SubmitsAcknowledged} acknowledged) still pending {within.TotalSeconds:0} s after the load: {await DescribeRequestAsync(id)}");
            }

            return null;
        }
    }

    /// <summary>What each silo's gateway, the portal and the database say of a request, for a finding's evidence.</summary>
    private async Task<string> DescribeRequestAsync(string id)
    {
        var text = new System.Text.StringBuilder();
        foreach (var silo in gateways.Current)
        {
            var read = await ResilienceLoad.CallAsync(silo, HttpMethod.Get, $"/api/v1/requests/{id}");
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n    GET through {silo.Name}: {read.Kind} {(read.IsSuccess ? read.Json().Text("status") : read.Text)}");
        }

        using var found = await portal.Http.GetAsync($"/dossiers?clientReference={Uri.EscapeDataString(id)}");
        var dossiers = await found.Content.ReadAsStringAsync();
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n    portal dossiers by client reference: {(int)found.StatusCode} {dossiers}");
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT version, modified_at, payload_binary FROM orleans_storage WHERE grain_type = 'request' AND grain_id_extension = @id", connection);
        query.Parameters.AddWithValue("id", id);
        await using var rows = await query.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            // The state is in Orleans' binary format, whose strings are UTF-8: a receipt the portal gave shows in it.
            var payload = System.Text.Encoding.UTF8.GetString((byte[])rows.GetValue(2));
            var receipts = System.Text.RegularExpressions.Regex.Matches(payload, @"000\.00\.49\.H49-[0-9A-Za-z-]+").Select(match => match.Value).Distinct();
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n    stored state: version {rows.GetInt32(0)}, written {rows.GetDateTime(1):HH:mm:ss.fff} UTC, receipts in it: [{string.Join(", ", receipts)}]");
        }

        await rows.CloseAsync();
        await using var reminders = new NpgsqlCommand(
            "SELECT reminder_name, start_time, period FROM orleans_reminders WHERE grain_id LIKE '%' || @id || '%'", connection);
        reminders.Parameters.AddWithValue("id", id);
        await using var reminderRows = await reminders.ExecuteReaderAsync();
        var stored = new List<string>();
        while (await reminderRows.ReadAsync())
        {
            stored.Add($"{reminderRows.GetString(0)} from {reminderRows.GetValue(1)} every {reminderRows.GetValue(2)} ms");
        }

        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\n    stored reminders: [{string.Join("; ", stored)}]");

        return text.ToString();
    }

    public async Task CheckAsync()
    {
        var bookings = await CheckBookingsAsync();
        await CheckSessionsAsync(bookings);
        var requests = await CheckRequestsAsync();
        await CheckDossiersAsync(requests);
        await CheckStoredStatesAsync();
    }

    /// <summary>Every acknowledged booking reads back with a status its history allows; returns what each read.</summary>
    private async Task<IReadOnlyDictionary<string, string>> CheckBookingsAsync()
    {
        var statuses = new ConcurrentDictionary<string, string>();
        await Parallel.ForEachAsync(ledger.Bookings(), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (booking, _) =>
        {
            var read = await ReadAsync($"/api/v1/bookings/{booking.Id}");
            if (read.Status != HttpStatusCode.OK)
            {
                _lost.Enqueue($"booking {booking.Id} (acknowledged {booking.AcknowledgedStatus}) answers {read.Kind}: {read.Text}");
                return;
            }

            var view = read.Json();
            var status = view.Text("status");
            statuses[booking.Id] = status;
            string[] allowed = booking switch
            {
                { CancelAcknowledged: true } => ["cancelled"],
                { CancelSent: true, AcknowledgedStatus: "confirmed" } => ["confirmed", "cancelled"],
                { CancelSent: true } => ["waitlisted", "confirmed", "cancelled"],
                { AcknowledgedStatus: "confirmed" } => ["confirmed"],
                _ => ["waitlisted", "confirmed"],
            };
            if (!allowed.Contains(status) || view.Text("helpPointId") != booking.HelpPointId || view.Text("sessionId") != booking.SessionId)
            {
                _lost.Enqueue($"booking {booking.Id} (acknowledged {booking.AcknowledgedStatus}{(booking.CancelAcknowledged ? ", cancel acknowledged" : booking.CancelSent ? ", cancel sent" : "")}) reads {read.Text}");
            }
        });
        return statuses;
    }

    /// <summary>No session holds more seats than computers, by its own figures or by the bookings read one by one.</summary>
    private async Task CheckSessionsAsync(IReadOnlyDictionary<string, string> statuses)
    {
        var known = ledger.Bookings().Where(booking => statuses.ContainsKey(booking.Id))
            .GroupBy(booking => (booking.HelpPointId, booking.SessionId))
            .ToDictionary(group => group.Key, group => group.Select(booking => statuses[booking.Id]).ToList());
        foreach (var helpPoint in helpPoints)
        {
            var read = await ReadAsync($"/api/v1/help-points/{helpPoint.Id}/sessions?from={VietnamDates.Text(days[0])}&to={VietnamDates.Text(days[^1])}");
            if (read.Status != HttpStatusCode.OK)
            {
                _lost.Enqueue($"the sessions of help point {helpPoint.Id} answer {read.Kind}: {read.Text}");
                continue;
            }

            foreach (var session in read.Json().EnumerateArray())
            {
                SessionsChecked++;
                var id = session.Text("id");
                var (capacity, confirmed, waitlisted) = (session.GetProperty("capacity").GetInt32(), session.GetProperty("confirmed").GetInt32(), session.GetProperty("waitlisted").GetInt32());
                var read1By1 = known.GetValueOrDefault((helpPoint.Id, id)) ?? [];
                var seated = read1By1.Count(status => status is "confirmed" or "checkedIn");
                var waiting = read1By1.Count(status => status == "waitlisted");
                var where = $"{helpPoint.Id} {id}: capacity {capacity}, confirmed {confirmed}, waitlisted {waitlisted}; acknowledged bookings read one by one: {seated} seated, {waiting} waiting";
                if (capacity != helpPoint.Capacity || confirmed > capacity || seated > capacity)
                {
                    _overbooked.Enqueue(where);
                }

                if (seated > confirmed || waiting > waitlisted)
                {
                    _inconsistent.Enqueue($"the session counts fewer than its bookings read one by one: {where}");
                }

                if (waitlisted > 0 && confirmed < capacity)
                {
                    _inconsistent.Enqueue($"a seat is free while citizens wait: {where}");
                }
            }
        }
    }

    /// <summary>Every acknowledged request reads back; an acknowledged submit is never undone; returns each status and receipt.</summary>
    private async Task<IReadOnlyDictionary<string, (string Status, string? Receipt)>> CheckRequestsAsync()
    {
        var views = new ConcurrentDictionary<string, (string, string?)>();
        await Parallel.ForEachAsync(ledger.Requests(), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, _) =>
        {
            var read = await ReadAsync($"/api/v1/requests/{request.Id}");
            if (read.Status != HttpStatusCode.OK)
            {
                _lost.Enqueue($"request {request.Id} answers {read.Kind}: {read.Text}");
                return;
            }

            var view = read.Json();
            var status = view.Text("status");
            var receipt = view.TryGetProperty("portalReceipt", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            views[request.Id] = (status, receipt);
            if (request.SubmitsAcknowledged > 0 && status == "draft")
            {
                _lost.Enqueue($"request {request.Id} had {request.SubmitsAcknowledged} submits acknowledged but is a draft: {read.Text}");
            }
            else if (status == "submitting")
            {
                _inconsistent.Enqueue($"request {request.Id} is still submitting: {read.Text}");
            }
            else if (s_filedStatuses.Contains(status) && receipt is null)
            {
                _inconsistent.Enqueue($"request {request.Id} is {status} without a portal receipt: {read.Text}");
            }
        });
        return views;
    }

    /// <summary>Each filed request has exactly one dossier at the portal, with its receipt; no other request has any.</summary>
    private async Task CheckDossiersAsync(IReadOnlyDictionary<string, (string Status, string? Receipt)> requests)
    {
        using var response = await portal.Http.GetAsync("/simulator/dossiers");
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var dossiers = document.RootElement.EnumerateArray()
            .Select(dossier => (Reference: dossier.Text("clientReference"), Receipt: dossier.Text("receipt")))
            .ToList();
        DossiersAtPortal = dossiers.Count;
        var byReference = dossiers.GroupBy(dossier => dossier.Reference).ToDictionary(group => group.Key, group => group.ToList());
        foreach (var (reference, filed) in byReference)
        {
            if (filed.Count > 1)
            {
                _duplicated.Enqueue($"request {reference} reached the portal {filed.Count} times: receipts {string.Join(", ", filed.Select(dossier => dossier.Receipt))}");
            }

            if (!requests.ContainsKey(reference))
            {
                _inconsistent.Enqueue($"a dossier at the portal for {reference}, which is no request the load was acknowledged");
            }
        }

        foreach (var (id, (status, receipt)) in requests)
        {
            var filed = byReference.GetValueOrDefault(id) ?? [];
            if (s_filedStatuses.Contains(status) && filed.Count == 0)
            {
                _lost.Enqueue($"request {id} is {status} (receipt {receipt}) but the portal has no dossier for it");
            }
            else if (s_filedStatuses.Contains(status) && !filed.Exists(dossier => dossier.Receipt == receipt))
            {
                _inconsistent.Enqueue($"request {id} holds receipt {receipt}, the portal gave {string.Join(", ", filed.Select(dossier => dossier.Receipt))}");
            }
            else if (!s_filedStatuses.Contains(status) && filed.Count > 0)
            {
                _inconsistent.Enqueue($"request {id} is {status} but the portal holds {filed.Count} dossier(s) for it");
            }
        }
    }

    /// <summary>
    /// The database holds a profile row for every help point, a ledger row for every session with an acknowledged
    /// booking, and a state row for every acknowledged request.
    /// </summary>
    private async Task CheckStoredStatesAsync()
    {
        // Unpooled: a pooled connection from before the restart would be one the server has since ended.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var counts = await RowsAsync(connection, "SELECT grain_type || ' ' || count(*) FROM orleans_storage GROUP BY grain_type ORDER BY grain_type");
        var profiles = await RowsAsync(connection, "SELECT help_point_id FROM province_help_points");
        var ledgers = await RowsAsync(connection, "SELECT help_point_id || ' ' || session_id FROM province_session_ledgers");
        StoredStates = string.Join(", ", [.. counts, $"help point profiles {profiles.Count}", $"session ledgers {ledgers.Count}"]);
        foreach (var helpPoint in helpPoints.Where(helpPoint => !profiles.Contains(helpPoint.Id)))
        {
            _lost.Enqueue($"help point {helpPoint.Id} has no row in province_help_points (rows: {StoredStates})");
        }

        foreach (var session in ledger.Bookings().Select(booking => $"{booking.HelpPointId} {booking.SessionId}").Distinct().Where(session => !ledgers.Contains(session)))
        {
            _lost.Enqueue($"session {session} has acknowledged bookings but no row in province_session_ledgers (rows: {StoredStates})");
        }

        var requests = await RowsAsync(connection, "SELECT grain_id_extension FROM orleans_storage WHERE grain_type = 'request' AND payload_binary IS NOT NULL");
        foreach (var request in ledger.Requests().Where(request => !requests.Contains(request.Id)))
        {
            _lost.Enqueue($"request {request.Id} has no state row in orleans_storage (rows: {StoredStates})");
        }
    }

    private static async Task<HashSet<string>> RowsAsync(NpgsqlConnection connection, string query)
    {
        await using var command = new NpgsqlCommand(query, connection);
        await using var rows = await command.ExecuteReaderAsync();
        var values = new HashSet<string>();
        while (await rows.ReadAsync())
        {
            values.Add(rows.GetString(0));
        }

        return values;
    }

    /// <summary>A read through the gateways in turn, asked again while it fails for want of an answer (5xx, none).</summary>
    private async Task<CallResult> ReadAsync(string uri)
    {
        CallResult? last = null;
        await Poll.UntilAsync($"GET {uri} is answered", s_readDeadline, async () =>
        {
            last = await ResilienceLoad.CallAsync(gateways.Next(), HttpMethod.Get, uri);
            return last.Status is { } status && (int)status < 500 ? Observation.Yes() : Observation.No(last.Kind);
        }, diagnostics);
        return last!;
    }
}
