using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Npgsql;
using ProvincePlatform.LoadTest;
using ProvincePlatform.Testing.Postgres;
using static ProvincePlatform.LoadTest.Report;

// dotnet run -c Release --project tests/ProvincePlatform.LoadTest -- run [--duration 30s] [--clients 64] [--district all|502] [--days 30] [--popular-percent 10]
// dotnet run -c Release --project tests/ProvincePlatform.LoadTest -- scale [--sizes 1000,10047] [--bookings 5000]
var command = args.FirstOrDefault() ?? "run";
var options = Arguments.Parse(args.Skip(1));
var output = Console.Out;
return command switch
{
    "run" => await Commands.RunAsync(options, output),
    "scale" => await Commands.ScaleAsync(options, output),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: run [--duration 30s] [--warmup 15s] [--clients 64] [--district all|502] [--days 30] [--pgbench-clients 16] [--popular-percent 10] [--today-percent 10] [--phases ceiling,mix,listing,booking,pgbench] [--open-rate N] [--timeline]");
    Console.Error.WriteLine("       scale [--sizes 1000,10047] [--bookings 5000] [--clients 64]");
    return 2;
}

namespace ProvincePlatform.LoadTest
{
    /// <summary><c>--name value</c> pairs, with durations as <c>30s</c>, <c>2m</c> or seconds.</summary>
    public sealed class Arguments(Dictionary<string, string> values)
    {
        public static Arguments Parse(IEnumerable<string> args)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string? name = null;
            foreach (var arg in args)
            {
                if (arg.StartsWith("--", StringComparison.Ordinal))
                {
                    name = arg[2..];
                    values[name] = "true";
                }
                else if (name is not null)
                {
                    values[name] = arg;
                    name = null;
                }
            }

            return new Arguments(values);
        }

        public string Text(string name, string fallback) => values.GetValueOrDefault(name, fallback);

        public int Number(string name, int fallback) => values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        public TimeSpan Duration(string name, TimeSpan fallback)
        {
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }

            return text[^1] switch
            {
                's' => TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
                'm' => TimeSpan.FromMinutes(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
                _ => TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture)),
            };
        }
    }

    public static class Commands
    {
        public static DateOnly VietnamToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

        /// <summary>The phases of <c>run</c>, in the order they run; <c>booking</c> includes the open loop at half its max.</summary>
        public static readonly string[] AllPhases = ["ceiling", "mix", "listing", "booking", "pgbench"];

        /// <summary>The measured session: reference ceilings, the mix, and one phase per target.</summary>
        public static async Task<int> RunAsync(Arguments options, TextWriter output)
        {
            var duration = options.Duration("duration", TimeSpan.FromSeconds(30));
            var warmUp = options.Duration("warmup", TimeSpan.FromSeconds(15));
            var clients = options.Number("clients", 64);
            var district = options.Text("district", "all");
            var phases = options.Text("phases", string.Join(',', AllPhases)).Split(',').ToHashSet(StringComparer.OrdinalIgnoreCase);
            var timeline = options.Text("timeline", "false") == "true";
            var contention = new WorkloadOptions
            {
                PopularShare = options.Number("popular-percent", 10) / 100.0,
                TodayShare = options.Number("today-percent", 10) / 100.0,
                SessionDays = options.Number("days", 30),
            };
            output.WriteLine(Invariant($"ProvincePlatform load test, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}"));
            output.WriteLine(Invariant($"  {duration.TotalSeconds:F0} s per phase after {warmUp.TotalSeconds:F0} s of warm-up, {clients} clients in closed loops, {(district == "all" ? "every commune of the register" : "district " + district)}"));
            output.WriteLine(Invariant($"  bookings: {100 * contention.PopularShare:F0} % on {contention.PopularSessions} popular sessions (with the waitlist), {100 * contention.TodayShare:F0} % on today's, the rest spread over {contention.SessionDays} days"));

            await using var postgres = await ThrowawayPostgresServer.StartAsync();
            var connectionString = await CreateDatabaseAsync(postgres, "province");
            output.WriteLine($"  PostgreSQL 15 on port {postgres.Port} (the throwaway server: fsync off, synchronous_commit off)");
            await using var host = HostProcess.Start(connectionString, communesFile: null);
            await host.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
            output.WriteLine($"  host pid {host.Id} ready at {host.BaseAddress}");
            using var http = host.Client(clients);

            var workload = await Workload.SetUpAsync(http, VietnamToday, district == "all" ? new { template = Workload.Template } : new { district, template = Workload.Template }, contention, output);

            async Task<PhaseReport?> PhaseAsync(string phase, Func<Task<PhaseReport>> measure)
            {
                if (!phases.Contains(phase))
                {
                    return null;
                }

                var (waited, quiet) = await QuietMachine.WaitAsync(TimeSpan.FromSeconds(90));
                output.WriteLine(Invariant($"  {phase}: the machine was {(quiet ? "quiet" : "still busy")} after {waited.TotalSeconds:F0} s"));
                return await measure();
            }

            var ceiling = await PhaseAsync("ceiling", () => LoadEngine.ClosedLoopAsync("HTTP ceiling: GET /health/live", clients, warmUp, duration,
                (recorders, start, token) => Workload.LiveAsync(http, recorders, start, token)));
            var mix = await PhaseAsync("mix", () => LoadEngine.ClosedLoopAsync("realistic mix", clients, warmUp, duration, workload.MixAsync));
            var listing = await PhaseAsync("listing", () => LoadEngine.ClosedLoopAsync("session listing only, max throughput", clients, warmUp, duration, workload.ListAsync));
            var booking = await PhaseAsync("booking", () => LoadEngine.ClosedLoopAsync("booking only, max throughput", clients, warmUp, duration, workload.BookOneAsync));
            var bookingMax = booking?.Operation(Workload.Book)?.PerSecond ?? 0;
            // --open-rate holds the open loop at a rate of its own, so that two builds or settings compare at the same load.
            var openRate = options.Number("open-rate", 0);
            var half = booking is not null
                ? await LoadEngine.OpenLoopAsync(openRate > 0 ? "booking only at the rate asked" : "booking only at half the max",
                    openRate > 0 ? openRate : Math.Max(1, bookingMax / 2), warmUp, duration, workload.BookOneAsync)
                : null;
            PhaseReport[] measured = [.. new[] { ceiling, mix, listing, booking, half }.OfType<PhaseReport>()];
            foreach (var phase in measured)
            {
                Print(phase, output);
                if (timeline)
                {
                    PrintTimeline(phase, output);
                }
            }

            // pgbench last, with the host idle, on the same server and the same cores.
            output.WriteLine();
            var pgbench = double.NaN;
            if (phases.Contains("pgbench"))
            {
                await QuietMachine.WaitAsync(TimeSpan.FromSeconds(90));
                pgbench = await Pgbench.TransactionsPerSecondAsync(postgres.Port, options.Number("pgbench-clients", 16), 2, duration, output);
            }

            var ceilingPerSecond = ceiling?.Operation(Workload.Live)?.PerSecond ?? double.NaN;
            var listingPerSecond = listing?.Operation(Workload.ListSessions)?.PerSecond ?? double.NaN;
            var bookingP99 = half?.Operation(Workload.Book)?.P99 ?? double.NaN;
            output.WriteLine();
            output.WriteLine("== targets ==");
            Target(output, "booking tps / pgbench -N tps >= 60 %",
                Invariant($"{bookingMax:F0} / {pgbench:F0} = {100 * bookingMax / pgbench:F1} %"), booking is null || double.IsNaN(pgbench) ? null : bookingMax >= 0.6 * pgbench);
            Target(output, "booking p99 at half the max <= 25 ms",
                Invariant($"{bookingP99:F1} ms at {half?.Operation(Workload.Book)?.PerSecond ?? 0:F0}/s"), half is null || openRate > 0 ? null : bookingP99 <= 25);
            Target(output, "session listing / trivial-endpoint ceiling >= 40 %",
                Invariant($"{listingPerSecond:F0} / {ceilingPerSecond:F0} = {100 * listingPerSecond / ceilingPerSecond:F1} %"), listing is null || ceiling is null ? null : listingPerSecond >= 0.4 * ceilingPerSecond);
            var (peak, current) = host.Memory();
            output.WriteLine($"  host memory: peak RSS {Mebibytes(peak)}, now {Mebibytes(current)}");
            var serverErrors = measured.SelectMany(phase => phase.Operations).Where(figures => figures.AnyServerError).ToList();
            output.WriteLine(serverErrors.Count == 0 ? "  no 5xx and no unanswered request" : $"  5xx or unanswered in: {string.Join(", ", serverErrors.Select(figures => figures.Operation))}");
            return 0;
        }

        /// <summary>The scale run: for each size, a fresh PostgreSQL and host, a rollout of that many communes, then bookings across them.</summary>
        public static async Task<int> ScaleAsync(Arguments options, TextWriter output)
        {
            var sizes = options.Text("sizes", "1000,10047").Split(',').Select(size => int.Parse(size, CultureInfo.InvariantCulture)).ToList();
            var bookings = options.Number("bookings", 5000);
            var clients = options.Number("clients", 64);
            var register = Path.Combine(HostProcess.RepositoryRoot(), "deploy", "seed", "vietnam-communes-2025-03.csv");
            var allCodes = File.ReadLines(register).Skip(1).Select(line => line.Split(',')[5]).ToList();
            output.WriteLine(Invariant($"ProvincePlatform scale run, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, register of {allCodes.Count} communes"));
            var results = new List<(int Communes, RolloutResult Rollout, long Peak, long After, double BookingsPerSecond)>();
            foreach (var size in sizes)
            {
                output.WriteLine();
                output.WriteLine(Invariant($"== {size} communes =="));
                await using var postgres = await ThrowawayPostgresServer.StartAsync();
                var connectionString = await CreateDatabaseAsync(postgres, "province");
                await using var host = HostProcess.Start(connectionString, register);
                await host.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
                using var http = host.Client(clients);
                var codes = allCodes.Take(size).ToList();
                object body = size >= allCodes.Count ? new { template = Workload.Template } : new { communeCodes = codes, template = Workload.Template };
                var rollout = await Workload.RolloutAsync(http, body, TimeSpan.FromMinutes(15), output);
                var (peak, after) = host.Memory();
                output.WriteLine(Invariant($"  {rollout.Done} communes in {rollout.Elapsed.TotalSeconds:F1} s = {rollout.Elapsed.TotalMilliseconds / Math.Max(1, rollout.Done):F2} ms per commune; host peak RSS {Mebibytes(peak)}, RSS after {Mebibytes(after)}"));

                var perSecond = await BookAcrossAsync(http, codes, bookings, clients, output);
                var (peakAfterBookings, _) = host.Memory();
                results.Add((size, rollout, Math.Max(peak, peakAfterBookings), after, perSecond));
            }

            output.WriteLine();
            output.WriteLine("== scale summary ==");
            output.WriteLine(Invariant($"{"communes",9} {"help points",12} {"rollout s",10} {"ms/commune",11} {"peak RSS",10} {"RSS after",10} {"bookings/s",11}"));
            foreach (var (communes, rollout, peak, after, perSecond) in results)
            {
                output.WriteLine(Invariant($"{communes,9} {rollout.Done * 6,12} {rollout.Elapsed.TotalSeconds,10:F1} {rollout.Elapsed.TotalMilliseconds / Math.Max(1, rollout.Done),11:F2} {Mebibytes(peak),10} {Mebibytes(after),10} {perSecond,11:F0}"));
            }

            if (results.Count >= 2)
            {
                var (small, large) = (results[0], results[^1]);
                var growth = large.Rollout.Elapsed.TotalMilliseconds / large.Rollout.Done / (small.Rollout.Elapsed.TotalMilliseconds / small.Rollout.Done);
                output.WriteLine("== targets ==");
                Target(output, Invariant($"time per commune at {large.Communes} / at {small.Communes} <= 1.3"), Invariant($"{growth:F2}"), growth <= 1.3);
                Target(output, Invariant($"{large.Communes} communes provisioned in < 5 min"), Invariant($"{large.Rollout.Elapsed.TotalSeconds:F0} s"), large.Rollout.Elapsed < TimeSpan.FromMinutes(5));
                Target(output, "host memory < 4 GiB", Mebibytes(large.Peak), large.Peak < 4L * 1024 * 1024 * 1024);
            }

            return 0;
        }

        /// <summary>
        /// Books across the provisioned communes: each booking on a random village house of a random commune, on its
        /// 19:00 session of one of the coming days (the template opens them every evening), with the waitlist.
        /// </summary>
        private static async Task<double> BookAcrossAsync(HttpClient http, IReadOnlyList<string> codes, int bookings, int clients, TextWriter output)
        {
            var random = new Random(8);
            var helpPoints = new List<string>();
            foreach (var code in codes.OrderBy(_ => random.Next()).Take(200))
            {
                using var points = await http.GetFromJsonAsync<System.Text.Json.JsonDocument>($"/api/v1/communes/{code}/help-points");
                helpPoints.AddRange(points!.RootElement.EnumerateArray()
                    .Where(point => point.GetProperty("kind").GetString() == "villageHouse")
                    .Select(point => point.GetProperty("id").GetString()!));
            }

            var today = VietnamToday;
            var recorders = new Recorders();
            var remaining = bookings;
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                var mine = new Random(Random.Shared.Next());
                while (Interlocked.Decrement(ref remaining) >= 0)
                {
                    var point = helpPoints[mine.Next(helpPoints.Count)];
                    var session = $"{Workload.Date(today.AddDays(1 + mine.Next(14)))}T19:00";
                    using var response = await Workload.SendRawAsync(http, recorders[Workload.Book], Stopwatch.GetTimestamp(), HttpMethod.Post,
                        $"/api/v1/help-points/{point}/sessions/{session}/bookings",
                        new { citizen = Citizens.New(mine), serviceCode = "criminalRecord", waitlist = true }, CancellationToken.None);
                }
            })));
            var elapsed = Stopwatch.GetElapsedTime(started);
            var phase = new PhaseReport(Invariant($"{bookings} bookings over {helpPoints.Count} village houses of 200 random communes"), $"closed loop, {clients} clients", elapsed, recorders);
            Print(phase, output);
            return phase.Operation(Workload.Book)?.PerSecond ?? 0;
        }

        private static async Task<string> CreateDatabaseAsync(ThrowawayPostgresServer postgres, string name)
        {
            await using (var connection = new NpgsqlConnection(postgres.ConnectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }

            return new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = name }.ConnectionString;
        }
    }
}
