using System.Net;
using ProvincePlatform.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace ProvincePlatform.Cluster.Tests.Bookings;

/// <summary>The foundation's hundred simultaneous bookings, on PostgreSQL, split across two silos' gateways.</summary>
public sealed class ConcurrentBookingTests(PostgresFixture postgres, ITestOutputHelper log) : IClassFixture<PostgresFixture>
{
    private const int Citizens = 100;
    private const int Computers = 6;

    [Fact]
    public async Task A_hundred_parallel_bookings_through_two_silos_confirm_exactly_the_six_seats_number_the_waitlist_1_to_6_and_refuse_the_rest()
    {
        await using var cluster = await SiloCluster.CreateAsync(postgres, log);
        var silos = await cluster.StartSilosAsync("silo-a", "silo-b");
        var helpPoint = await silos[0].Api.OpenHelpPointAsync(PlatformApi.DaiThanh, Computers);
        var day = VietnamDates.Today.AddDays(2);
        var session = VietnamDates.SessionId(day);

        var idNumbers = Enumerable.Range(0, Citizens).Select(_ => TestCitizens.NewIdNumber()).ToList();
        var answers = await Task.WhenAll(idNumbers.Select((idNumber, i) => silos[i % 2].Api.TryBookAsync(helpPoint, session, idNumber, waitlist: true)));

        var refused = answers.Where(answer => answer.Status != HttpStatusCode.Created).ToList();
        Assert.True(refused.Count == Citizens - 2 * Computers && refused.All(answer => answer.Status == HttpStatusCode.Conflict),
            $"Not 88 refusals of a full waitlist: {string.Join("; ", refused.Where(answer => answer.Status != HttpStatusCode.Conflict).Take(5))}\n{cluster.Diagnostics()}");
        var placed = answers.Where(answer => answer.Status == HttpStatusCode.Created).Select(answer => answer.Json()).ToList();
        Assert.Equal(2 * Computers, placed.Select(booking => booking.Text("id")).Distinct().Count());
        Assert.Equal(Computers, placed.Count(booking => booking.Text("status") == "confirmed"));
        var positions = placed.Where(booking => booking.Text("status") == "waitlisted")
            .Select(booking => booking.GetProperty("position").GetInt32())
            .Order()
            .ToList();
        Assert.Equal(Enumerable.Range(1, Computers), positions);

        foreach (var silo in silos)
        {
            var sessions = await silo.Api.ReadJsonAsync($"/api/v1/help-points/{helpPoint}/sessions?from={VietnamDates.Text(day)}&to={VietnamDates.Text(day)}");
            var listed = Assert.Single(sessions.EnumerateArray());
            Assert.Equal(Computers, listed.GetProperty("confirmed").GetInt32());
            Assert.Equal(Computers, listed.GetProperty("waitlisted").GetInt32());
            Assert.Equal("full", listed.Text("status"));
        }
    }
}
