using System.Net;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Audit;

/// <summary>
/// What the gateway does when the audit log cannot keep an entry: a read of citizens' data is not answered (503,
/// nothing of the citizen in it), since no citizen's data may leave unrecorded; a write, which has happened by then,
/// is answered as it went, without waiting for its entry; a plain read asks nothing of the log.
/// </summary>
[Collection(FailingAuditCollection.Name)]
public sealed class AuditUnavailableTests(FailingAuditFixture gateway) : GatewayTest(gateway)
{
    private const string FullName = "Trần Thị Kín Miệng";
    private const string Phone = "0912345678";

    [Fact]
    public async Task A_read_of_citizens_data_is_not_answered_when_its_entry_cannot_be_kept()
    {
        var idNumber = TestCitizens.NewIdNumber();
        var helpPoint = await OpenHelpPointAsync(2);
        var booking = (await HttpJson.ReadAsync(
            await PostAsync(BookingsOf(helpPoint, SessionId(Today.AddDays(1))), new { citizen = Citizen(idNumber), serviceCode = Bodies.ServiceCode }),
            HttpStatusCode.Created)).Text("id");
        var request = (await HttpJson.ReadAsync(
            await OpenRequestAsync(CommuneCode, new { citizen = Citizen(idNumber), serviceCode = Bodies.ServiceCode, form = Bodies.BirthForm() }),
            HttpStatusCode.Created)).Text("id");
        var refusedBefore = gateway.Audit.Refused;

        using (gateway.AuditFails())
        {
            var reads = new (string Name, Func<Task<HttpResponseMessage>> Call)[]
            {
                ("GET booking", () => Http.GetAsync($"/api/v1/bookings/{booking}")),
                ("GET request", () => Http.GetAsync(RequestUri(request))),
                ("GET requests", () => Http.GetAsync(RequestsOf(CommuneCode))),
                ("POST lookup", () => PostAsync("/api/v1/citizens/lookup", new { idNumber })),
            };
            foreach (var (name, call) in reads)
            {
                using var response = await call();
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{name} answered {(int)response.StatusCode}: {text}");
                await HttpJson.ReadProblemAsync(response, HttpStatusCode.ServiceUnavailable);
                Assert.NotNull(response.Headers.RetryAfter);
                foreach (var secret in new[] { FullName, Phone, "*********" + idNumber[^3..], booking, request })
                {
                    Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
                }
            }
        }

        Assert.Equal(refusedBefore + 4, gateway.Audit.Refused);
        // Kept again: the same read is answered, and its entry is the only read of the booking the trail holds.
        Assert.Equal(FullName, (await GetBookingAsync(booking)).GetProperty("citizen").Text("fullName"));
        var trail = await GetJsonAsync($"/api/v1/audit?resource={Uri.EscapeDataString(booking)}");
        Assert.Equal(["GetBooking", "Book"], trail.GetProperty("items").EnumerateArray().Select(item => item.Text("action")));
    }

    [Fact]
    public async Task A_write_is_answered_as_it_went_when_its_entry_cannot_be_kept()
    {
        var helpPoint = await OpenHelpPointAsync(2);
        var session = SessionId(Today.AddDays(1));
        var refusedBefore = gateway.Audit.Refused;
        string booking;

        using (gateway.AuditFails())
        {
            booking = (await HttpJson.ReadAsync(await BookAsync(helpPoint, session, TestCitizens.NewIdNumber()), HttpStatusCode.Created)).Text("id");
            await HttpJson.ReadProblemAsync(await BookAsync(helpPoint, "2026-13-01T19:00", TestCitizens.NewIdNumber()), HttpStatusCode.BadRequest);
        }

        Assert.Equal(refusedBefore + 2, gateway.Audit.Refused);
        Assert.Equal("confirmed", await StatusOfBookingAsync(booking));
    }

    [Fact]
    public async Task A_write_is_answered_before_its_entry_is_durable_while_a_read_of_citizens_data_waits_for_its_own()
    {
        var helpPoint = await OpenHelpPointAsync(2);
        string booking;
        Task<HttpResponseMessage> read;

        using (gateway.AuditHolds())
        {
            booking = (await HttpJson.ReadAsync(await BookAsync(helpPoint, SessionId(Today.AddDays(1)), TestCitizens.NewIdNumber()), HttpStatusCode.Created)).Text("id");
            read = Http.GetAsync($"/api/v1/bookings/{booking}");
            await gateway.Audit.HeldAsync(2).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.False(read.IsCompleted, "The read of a citizen's booking was answered before its audit entry was kept.");
        }

        Assert.Equal(HttpStatusCode.OK, (await read).StatusCode);
        var trail = await GetJsonAsync($"/api/v1/audit?resource={Uri.EscapeDataString(booking)}");
        Assert.Equal(["Book", "GetBooking"], trail.GetProperty("items").EnumerateArray().Select(item => item.Text("action")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Plain_reads_are_answered_while_the_audit_log_fails_and_ask_nothing_of_it()
    {
        var helpPoint = await OpenHelpPointAsync(2);
        var refusedBefore = gateway.Audit.Refused;

        using (gateway.AuditFails())
        {
            await GetJsonAsync("/api/v1/communes");
            await GetJsonAsync($"/api/v1/help-points/{helpPoint}");
            await GetSessionsAsync(helpPoint, Today, Today.AddDays(1));
            await GetJsonAsync("/api/v1/services");
        }

        Assert.Equal(refusedBefore, gateway.Audit.Refused);
    }

    private static object Citizen(string idNumber) => new { idNumber, fullName = FullName, phone = Phone };
}
