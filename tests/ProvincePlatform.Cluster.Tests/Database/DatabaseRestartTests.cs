using System.Net;
using ProvincePlatform.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace ProvincePlatform.Cluster.Tests.Database;

/// <summary>
/// PostgreSQL restarted under a running cluster: while it is down, requests fail cleanly and promptly with problem
/// documents (never a 500, never a hang); once it is back, the same silo processes serve again, and nothing the API
/// refused meanwhile was stored.
/// </summary>
public sealed class DatabaseRestartTests(OwnPostgresFixture postgres, ITestOutputHelper log) : IClassFixture<OwnPostgresFixture>
{
    private const int Computers = 50;

    /// <summary>How long any one answer may take while the database is down.</summary>
    private static readonly TimeSpan s_answerBound = TimeSpan.FromSeconds(20);

    /// <summary>How long after the database is back the silos may take to serve again.</summary>
    private static readonly TimeSpan s_recoveryDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task While_PostgreSQL_restarts_requests_fail_cleanly_and_afterwards_succeed_again_without_restarting_the_silos()
    {
        await using var cluster = await SiloCluster.CreateAsync(postgres, log);
        var silos = await cluster.StartSilosAsync("silo-a", "silo-b");
        var processIds = silos.Select(silo => silo.Process.Id).ToList();
        var helpPoint = await silos[0].Api.OpenHelpPointAsync(PlatformApi.DaiThanh, Computers);
        var day = VietnamDates.Today.AddDays(2);
        var session = VietnamDates.SessionId(day);
        var citizen = TestCitizens.NewIdNumber();
        var acknowledged = new List<string> { (await silos[0].Api.BookAsync(helpPoint, session, citizen)).Text("id") };
        for (var i = 1; i < 4; i++)
        {
            acknowledged.Add((await silos[i % 2].Api.BookAsync(helpPoint, session, TestCitizens.NewIdNumber())).Text("id"));
        }

        var draft = await silos[1].Api.OpenRequestAsync(PlatformApi.DaiThanh, citizen);

        await postgres.Throwaway.ShutDownAsync();

        foreach (var silo in silos)
        {
            await Poll.UntilAsync($"{silo.Name} reports itself not ready", TimeSpan.FromSeconds(15), async () =>
            {
                var status = await silo.ReadinessAsync();
                return status == HttpStatusCode.ServiceUnavailable ? Observation.Yes() : Observation.No($"/health/ready answered {(int)status}");
            }, cluster.Diagnostics);
        }

        var calls = new (string What, bool Writes, Func<PlatformApi, Task<Answer>> Send)[]
        {
            ("book a seat", true, api => api.TryBookAsync(helpPoint, session, TestCitizens.NewIdNumber())),
            ("cancel a booking", true, api => api.SendAsync(HttpMethod.Delete, $"/api/v1/bookings/{acknowledged[3]}")),
            ("open a help point", true, api => api.SendAsync(HttpMethod.Post, $"/api/v1/communes/{PlatformApi.TanThanh}/help-points",
                PlatformApi.HelpPoint("Nhà văn hóa khối phố 3", 4))),
            ("open a request", true, api => api.SendAsync(HttpMethod.Post, $"/api/v1/communes/{PlatformApi.DaiThanh}/requests",
                new { citizen = PlatformApi.Citizen(TestCitizens.NewIdNumber()), serviceCode = PlatformApi.ServiceCode, form = PlatformApi.BirthForm() })),
            ("submit a request", true, api => api.SendAsync(HttpMethod.Post, $"/api/v1/requests/{draft}/submit")),
            ("read a booking", false, api => api.GetAsync($"/api/v1/bookings/{acknowledged[0]}")),
            ("read the help point", false, api => api.GetAsync($"/api/v1/help-points/{helpPoint}")),
            ("list sessions", false, api => api.GetAsync($"/api/v1/help-points/{helpPoint}/sessions?from={VietnamDates.Text(day)}&to={VietnamDates.Text(day)}")),
            ("read a commune", false, api => api.GetAsync($"/api/v1/communes/{PlatformApi.TanThanh}")),
            ("read a request", false, api => api.GetAsync($"/api/v1/requests/{draft}")),
            ("look a citizen up", false, api => api.SendAsync(HttpMethod.Post, "/api/v1/citizens/lookup", new { idNumber = citizen })),
        };
        var outcomes = await Task.WhenAll(silos.SelectMany(silo => calls.Select(async call =>
        {
            using var bound = new CancellationTokenSource(s_answerBound);
            try
            {
                return new Outcome($"{call.What} through {silo.Name}", call.Writes, await call.Send(silo.Api), "");
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                return new Outcome($"{call.What} through {silo.Name}", call.Writes, null, $"{exception.GetType().Name}: {exception.Message}");
            }
        })));
        log.WriteLine("While PostgreSQL was down:\n" + string.Join('\n', outcomes.Select(outcome => $"{outcome.Call}: {outcome.Answer?.ToString() ?? outcome.Failure}")));

        var wrong = outcomes.Where(outcome => outcome.Answer is not { } answer
                || answer.Took > s_answerBound
                || answer.Status == HttpStatusCode.InternalServerError
                || (outcome.Writes && answer.IsSuccess)
                || (!answer.IsSuccess && !(answer.IsProblemDocument() && ((int)answer.Status is >= 400 and < 500 || answer.Status == HttpStatusCode.ServiceUnavailable))))
            .Select(outcome => $"{outcome.Call}: {outcome.Answer?.ToString() ?? outcome.Failure}")
            .ToList();
        Assert.True(wrong.Count == 0,
            $"While PostgreSQL was down, every answer should come within {s_answerBound.TotalSeconds} s, writes refused, and every "
            + $"refusal be a 4xx or 503 problem document; these were not:\n{string.Join('\n', wrong)}\n{cluster.Diagnostics()}");

        await postgres.Throwaway.StartAgainAsync();

        foreach (var silo in silos)
        {
            await Poll.UntilAsync($"{silo.Name} is ready and takes a booking again", s_recoveryDeadline, async () =>
            {
                var status = await silo.ReadinessAsync();
                if (status != HttpStatusCode.OK)
                {
                    return Observation.No($"/health/ready answered {(int)status}");
                }

                var booked = await silo.Api.TryBookAsync(helpPoint, session, TestCitizens.NewIdNumber());
                if (booked.Status != HttpStatusCode.Created)
                {
                    return Observation.No($"booking answered {booked}");
                }

                acknowledged.Add(booked.Json().Text("id"));
                return Observation.Yes();
            }, cluster.Diagnostics);
        }

        Assert.Equal(processIds, silos.Select(silo => silo.Process.Id));
        Assert.All(silos, silo => Assert.False(silo.Process.HasExited, $"{silo.Name} exited.\n{silo.Process.Tail()}"));
        foreach (var bookingId in acknowledged)
        {
            Assert.Equal("confirmed", (await silos[1].Api.ReadJsonAsync($"/api/v1/bookings/{bookingId}")).Text("status"));
        }

        // Nothing refused during the outage was stored: the session holds exactly the acknowledged bookings.
        var sessions = await silos[0].Api.ReadJsonAsync($"/api/v1/help-points/{helpPoint}/sessions?from={VietnamDates.Text(day)}&to={VietnamDates.Text(day)}");
        Assert.Equal(acknowledged.Count, Assert.Single(sessions.EnumerateArray()).GetProperty("confirmed").GetInt32());
        Assert.Equal("draft", (await silos[0].Api.ReadJsonAsync($"/api/v1/requests/{draft}")).Text("status"));

        // New grains activate and new state is written again, through both gateways.
        var ward = await silos[1].Api.OpenHelpPointAsync(PlatformApi.TanThanh, computers: 4);
        Assert.Equal(ward, (await silos[0].Api.ReadJsonAsync($"/api/v1/help-points/{ward}")).Text("id"));
        var request = await silos[0].Api.OpenRequestAsync(PlatformApi.DaiThanh, TestCitizens.NewIdNumber());
        Assert.Equal("draft", (await silos[1].Api.ReadJsonAsync($"/api/v1/requests/{request}")).Text("status"));
    }

    private sealed record Outcome(string Call, bool Writes, Answer? Answer, string Failure);
}
