using System.Collections.Concurrent;
using System.Net;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Citizens;

/// <summary>
/// ID numbers never travel in a URL, where proxies, logs and browser histories would keep them: every request of
/// the citizen flows goes through a client that records each URL it calls and each URL it is sent to.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class IdNumberInUrlTests : GatewayTest, IDisposable
{
    private readonly UrlRecorder _recorder = new();
    private readonly HttpClient _http;

    public IdNumberInUrlTests(GatewayFixture gateway)
        : base(gateway) => _http = gateway.ClientFor(TestClients.Admin, _recorder);

    protected override HttpClient Http => _http;

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task No_URL_called_or_returned_by_the_booking_request_and_lookup_flows_carries_the_idNumber()
    {
        var idNumber = TestCitizens.NewIdNumber();
        var helpPointId = await OpenHelpPointAsync(2);
        var booking = (await HttpJson.ReadAsync(await BookAsync(helpPointId, SessionId(Today.AddDays(1)), idNumber), HttpStatusCode.Created)).Text("id");
        await GetBookingAsync(booking);
        var request = await OpenDraftAsync(idNumber, bookingId: booking);
        await HttpJson.ReadAsync(await EditFormAsync(request, Bodies.BirthForm()), HttpStatusCode.OK);
        await SubmitAcceptedAsync(request, idempotencyKey: "submit-" + request);
        await DriveUntilAsync(request, "submitted");
        await GetJsonAsync(RequestsOf(CommuneCode));
        var found = await HttpJson.ReadAsync(await PostAsync("/api/v1/citizens/lookup", new { idNumber }), HttpStatusCode.OK);
        Assert.Contains(found.GetProperty("requests").EnumerateArray(), item => item.Text("id") == request);

        Assert.Contains(_recorder.Locations, location => location == $"/api/v1/bookings/{booking}");
        Assert.Equal(2, _recorder.Locations.Count(location => location == RequestUri(request)));
        Assert.All(_recorder.Called.Concat(_recorder.Locations), url =>
        {
            Assert.DoesNotContain(idNumber, url, StringComparison.Ordinal);
            Assert.DoesNotContain(idNumber[3..], url, StringComparison.Ordinal);
        });
    }

    /// <summary>Records the URL of every request sent and every <c>Location</c> and <c>Content-Location</c> answered.</summary>
    private sealed class UrlRecorder() : DelegatingHandler(new HttpClientHandler())
    {
        private readonly ConcurrentQueue<string> _called = new();
        private readonly ConcurrentQueue<string> _locations = new();

        public IReadOnlyCollection<string> Called => _called;

        public IReadOnlyCollection<string> Locations => _locations;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _called.Enqueue(request.RequestUri!.OriginalString);
            var response = await base.SendAsync(request, cancellationToken);
            foreach (var location in new[] { response.Headers.Location, response.Content.Headers.ContentLocation })
            {
                if (location is not null)
                {
                    _locations.Enqueue(location.OriginalString);
                }
            }

            return response;
        }
    }
}
