using System.Net;
using System.Text;
using System.Text.Json;

namespace ProvincePlatform.Host.Rollout.Command;

/// <summary>
/// The two routes the command calls. Every way a call can go wrong comes back as an <see cref="ApiFailure"/> of
/// readable lines, never as an exception, except the caller's own cancellation.
/// </summary>
public sealed class RolloutClient(HttpClient http)
{
    public const string RolloutRoute = "api/v1/province/rollout";

    public static string OperationRoute(string operationId) => $"{RolloutRoute}/operations/{Uri.EscapeDataString(operationId)}";

    /// <summary>Starts the rollout; a refusal that names a code points at the line of the file it came from.</summary>
    public Task<ApiResult<RolloutAccepted>> StartAsync(CommuneCodesReading communes, RolloutTemplate template, CancellationToken cancellationToken) =>
        SendAsync<RolloutAccepted>(
            () => new HttpRequestMessage(HttpMethod.Post, RolloutRoute)
            {
                // Serialized ahead, so the request has a length: a proxy in front of the gateway need not take chunks.
                Content = new StringContent(
                    JsonSerializer.Serialize(new { communeCodes = communes.Codes, template }, RolloutJson.Strict), Encoding.UTF8, "application/json"),
            },
            HttpStatusCode.Accepted,
            cancellationToken,
            communes.Describe);

    public Task<ApiResult<RolloutOperation>> GetOperationAsync(string operationId, CancellationToken cancellationToken) =>
        SendAsync<RolloutOperation>(() => new HttpRequestMessage(HttpMethod.Get, OperationRoute(operationId)), HttpStatusCode.OK, cancellationToken);

    private async Task<ApiResult<T>> SendAsync<T>(
        Func<HttpRequestMessage> request, HttpStatusCode expected, CancellationToken cancellationToken, Func<string, string>? describeField = null)
        where T : class
    {
        try
        {
            using var message = request();
            using var response = await http.SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != expected)
            {
                return Failure<T>(ProblemReport.Describe(response.StatusCode, body, describeField), IsTransient(response.StatusCode));
            }

            return JsonSerializer.Deserialize<T>(body, RolloutJson.Lenient) is { } value
                ? new ApiResult<T>(value, null)
                : Unexpected<T>(response.StatusCode);
        }
        catch (JsonException)
        {
            return Unexpected<T>(expected);
        }
        catch (HttpRequestException exception)
        {
            var reason = Reason(exception);
            return Failure<T>(
                [$"Không kết nối được tới {http.BaseAddress}: {reason} / Cannot reach {http.BaseAddress}: {reason}"],
                transient: true);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failure<T>(
                [$"Máy chủ {http.BaseAddress} không trả lời kịp / {http.BaseAddress} did not answer in time."],
                transient: true);
        }
    }

    private static ApiResult<T> Unexpected<T>(HttpStatusCode status)
        where T : class =>
        Failure<T>(
            [$"Máy chủ trả lời HTTP {(int)status} với nội dung không đọc được / The gateway answered HTTP {(int)status} with a body the command cannot read."],
            transient: false);

    private static ApiResult<T> Failure<T>(IReadOnlyList<string> lines, bool transient)
        where T : class => new(null, new ApiFailure(lines, transient));

    /// <summary>
    /// Why a request failed: "An error occurred while sending the request" says nothing, the exception inside it
    /// (the connection reset, the certificate refused) does.
    /// </summary>
    private static string Reason(HttpRequestException exception) =>
        exception.InnerException is { Message: { Length: > 0 } inner } && inner != exception.Message
            ? $"{exception.Message} ({inner})"
            : exception.Message;

    /// <summary>What a restarting silo or a proxy in front of it answers for a moment; worth asking again.</summary>
    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.TooManyRequests;
}

/// <summary>An answer of the gateway, or why there is none.</summary>
public sealed record ApiResult<T>(T? Value, ApiFailure? Error)
    where T : class;

/// <param name="Lines">What to print, Vietnamese first.</param>
/// <param name="Transient">Whether asking again a moment later may well succeed.</param>
public sealed record ApiFailure(IReadOnlyList<string> Lines, bool Transient);
