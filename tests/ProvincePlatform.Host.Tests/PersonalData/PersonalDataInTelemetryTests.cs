using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.PersonalData;

/// <summary>
/// The whole booking and request flow, refusals included, with every log record, trace and metric of the process
/// captured: none of them may carry a test citizen's ID number, name or phone.
/// </summary>
[Collection(TelemetryCaptureCollection.Name)]
public sealed class PersonalDataInTelemetryTests(TelemetryCaptureFixture gateway) : GatewayTest(gateway)
{
    private const string Name = "Phan Thị Kín Đáo";
    private const string Phone = "0987651234";
    private const string OtherName = "Lê Văn Riêng Tư";
    private const string OtherPhone = "+84356789012";

    private static readonly string s_idNumber = "049195" + Random.Shared.Next(100_000, 999_999);
    private static readonly string s_otherIdNumber = "049203" + Random.Shared.Next(100_000, 999_999);

    [Fact]
    public async Task No_log_trace_or_metric_of_the_booking_and_request_flow_carries_an_ID_number_name_or_phone()
    {
        await RunTheWholeFlowAsync();

        var capture = gateway.Capture;
        Assert.True(capture.LogRecords > 0, "The capture saw no log record: it proves nothing.");
        Assert.Contains(capture.Activities, activity => activity.Contains("/bookings", StringComparison.Ordinal));
        Assert.Contains(capture.Activities, activity => activity.Contains("Microsoft.Orleans", StringComparison.Ordinal));
        Assert.True(capture.Measurements > 0, "The capture saw no measurement: it proves nothing.");
        foreach (var secret in Secrets())
        {
            var leaks = capture.Containing(secret);
            Assert.True(leaks.Count == 0, $"{leaks.Count} records carry personal data, e.g.: {(leaks.Count > 0 ? leaks[0][..Math.Min(300, leaks[0].Length)] : "")}");
        }
    }

    [Fact]
    public void The_capture_sees_what_the_host_logs()
    {
        var logger = gateway.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ProvincePlatform.Canary");
        var canary = $"canary-{Guid.NewGuid():N}";

        logger.LogWarning("A record of {Canary}", canary);

        Assert.Single(gateway.Capture.Containing(canary));
    }

    /// <summary>
    /// Each value as sent and as a log might show it: the ID number whole and without its province prefix, the name
    /// as written and without diacritics, the phone in both national and international forms.
    /// </summary>
    private static IEnumerable<string> Secrets() =>
    [
        s_idNumber, s_idNumber[3..], s_otherIdNumber, s_otherIdNumber[3..],
        Name, "Phan Thi Kin Dao", "Kín Đáo", OtherName, "Riêng Tư",
        Phone, Phone[1..], OtherPhone, "0356789012",
    ];

    private async Task RunTheWholeFlowAsync()
    {
        var today = gateway.NextMorning();
        var helpPointId = await OpenHelpPointAsync(2);
        var tonight = SessionId(today);
        var citizen = new { idNumber = s_idNumber, fullName = Name, phone = Phone };
        var other = new { idNumber = s_otherIdNumber, fullName = OtherName, phone = OtherPhone };

        var booking = await HttpJson.ReadAsync(
            await PostAsync(BookingsOf(helpPointId, tonight), new { citizen, serviceCode = Bodies.ServiceCode }), HttpStatusCode.Created);
        var bookingId = booking.Text("id");
        await HttpJson.ReadProblemAsync(
            await PostAsync(BookingsOf(helpPointId, tonight), new { citizen, serviceCode = Bodies.ServiceCode }), HttpStatusCode.Conflict);
        var otherBooking = await HttpJson.ReadAsync(
            await PostAsync(BookingsOf(helpPointId, tonight), new { citizen = other, serviceCode = Bodies.ServiceCode, waitlist = true }),
            HttpStatusCode.Created);
        await HttpJson.ReadProblemAsync(
            await PostAsync(BookingsOf(helpPointId, tonight), new { citizen = other, serviceCode = Bodies.ServiceCode }), HttpStatusCode.Conflict);

        // Bodies that fail validation or binding, with the personal data in and around the faulty fields.
        await HttpJson.ReadProblemAsync(
            await PostAsync(BookingsOf(helpPointId, tonight), new { citizen = new { idNumber = s_idNumber, fullName = Name, phone = Name }, serviceCode = "x" }),
            HttpStatusCode.BadRequest);
        await HttpJson.ReadProblemAsync(
            await Http.PostAsync(BookingsOf(helpPointId, tonight), HttpJson.Raw($"{{\"citizen\": {{\"idNumber\": {s_idNumber}, \"fullName\": \"{Name}\", \"phone\": \"{Phone}\"}}}}")),
            HttpStatusCode.BadRequest);

        await GetBookingAsync(bookingId);
        await HttpJson.ReadAsync(await Http.PostAsync($"/api/v1/bookings/{bookingId}/check-in", null), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await Http.DeleteAsync($"/api/v1/bookings/{otherBooking.Text("id")}")).StatusCode);

        var request = await HttpJson.ReadAsync(
            await PostAsync(RequestsOf(CommuneCode), new { citizen, serviceCode = Bodies.ServiceCode, bookingId, form = Bodies.BirthForm() }),
            HttpStatusCode.Created);
        var requestId = request.Text("id");
        var form = Bodies.BirthForm();
        form["motherFullName"] = Name;
        await HttpJson.ReadAsync(await PutAsync($"{RequestUri(requestId)}/form", form), HttpStatusCode.OK);
        await HttpJson.ReadAsync(await Http.PostAsync($"{RequestUri(requestId)}/submit", null), HttpStatusCode.Accepted);
        await gateway.TickAsync(requestId);
        await GetJsonAsync(RequestUri(requestId));
        await GetJsonAsync($"{RequestsOf(CommuneCode)}?pageSize=5");

        await HttpJson.ReadAsync(await PostAsync("/api/v1/citizens/lookup", new { idNumber = s_idNumber }), HttpStatusCode.OK);
        await HttpJson.ReadAsync(await PostAsync("/api/v1/citizens/lookup", new { idNumber = s_otherIdNumber }), HttpStatusCode.OK);
        await HttpJson.ReadProblemAsync(await PostAsync("/api/v1/citizens/lookup", new { idNumber = Phone }), HttpStatusCode.BadRequest);

        gateway.SetLocalTime(new TimeOnly(19, 10));
        await HttpJson.ReadAsync(
            await PostAsync(WalkInsOf(helpPointId, tonight), new { citizen = other, serviceCode = Bodies.ServiceCode }), HttpStatusCode.Created);
    }
}
