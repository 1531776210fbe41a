using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ProvincePlatform.Portal.Http;

/// <summary>
/// The portal over HTTP. Every answer becomes a <see cref="PortalResult{T}"/>: 2xx succeeded; 429, 5xx and an open
/// circuit are transient; other 4xx are refusals; a write that got no answer is ambiguous, a read that got none is
/// transient. Only a cancellation by the caller throws. Reasons are the portal's own words, with long digit runs
/// (identity and phone numbers) masked.
/// </summary>
public sealed partial class HttpPortalClient(HttpClient httpClient, ILogger<HttpPortalClient> logger) : IPortalClient
{
    private const int MaxReasonLength = 300;

    public Task<PortalResult<PortalDossierState>> SubmitAsync(PortalDossier dossier, CancellationToken cancellationToken) =>
        SendAsync<PortalDossierState, PortalDossierState>(
            HttpMethod.Post, "dossiers", JsonContent.Create(dossier, options: PortalJson.Options), static state => state, cancellationToken);

    public Task<PortalResult<PortalDossierState?>> FindByClientReferenceAsync(string clientReference, CancellationToken cancellationToken) =>
        SendAsync<List<PortalDossierState>, PortalDossierState?>(
            HttpMethod.Get, $"dossiers?clientReference={Uri.EscapeDataString(clientReference)}", content: null,
            static found => found.Count > 0 ? found[0] : null, cancellationToken);

    public Task<PortalResult<PortalDossierState>> GetStatusAsync(string receipt, CancellationToken cancellationToken) =>
        SendAsync<PortalDossierState, PortalDossierState>(
            HttpMethod.Get, $"dossiers/{Uri.EscapeDataString(receipt)}", content: null, static state => state, cancellationToken);

    public Task<PortalResult<PortalDossierState>> SubmitSupplementAsync(
        string receipt, string clientReference, IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken) =>
        SendAsync<PortalDossierState, PortalDossierState>(
            HttpMethod.Post, $"dossiers/{Uri.EscapeDataString(receipt)}/supplements",
            JsonContent.Create(new PortalSupplementRequest(clientReference, form), options: PortalJson.Options),
            static state => state, cancellationToken);

    private async Task<PortalResult<TResult>> SendAsync<TBody, TResult>(
        HttpMethod method, string path, HttpContent? content, Func<TBody, TResult> map, CancellationToken cancellationToken)
    {
        // A read that got no answer can be asked again; a write that got none may have landed.
        var noAnswer = method == HttpMethod.Get ? PortalOutcome.Transient : PortalOutcome.Ambiguous;
        var operation = $"{method} {OperationName(path)}";
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        try
        {
            using var response = await httpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadFromJsonAsync<TBody>(PortalJson.Options, cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("The portal answered an empty body.");
                return PortalResult.Success(map(body));
            }

            var result = await FailureAsync<TResult>(response, method, cancellationToken).ConfigureAwait(false);
            LogNotSucceeded(logger, operation, result.Outcome, (int)response.StatusCode);
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (BrokenCircuitException)
        {
            LogNotSucceeded(logger, operation, PortalOutcome.Transient, 0);
            return PortalResult.Failure<TResult>(PortalOutcome.Transient,
                "Tạm ngừng gọi Cổng DVC do lỗi liên tiếp / The portal circuit is open after repeated failures");
        }
        catch (TimeoutRejectedException)
        {
            return NoAnswer<TResult>(operation, noAnswer, "Cổng DVC không phản hồi kịp / The portal did not answer in time");
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError)
        {
            // No connection was made, so nothing was sent: safe to try again even for a write.
            return NoAnswer<TResult>(operation, PortalOutcome.Transient, "Không kết nối được Cổng DVC / Could not connect to the portal");
        }
        catch (HttpRequestException)
        {
            return NoAnswer<TResult>(operation, noAnswer, "Mất kết nối với Cổng DVC / The connection to the portal was lost");
        }
        catch (OperationCanceledException)
        {
            // Not the caller's: the HttpClient's own time-out.
            return NoAnswer<TResult>(operation, noAnswer, "Cổng DVC không phản hồi kịp / The portal did not answer in time");
        }
        catch (JsonException)
        {
            // The portal said it did it, but its answer cannot be read.
            return NoAnswer<TResult>(operation, noAnswer, "Không đọc được phản hồi của Cổng DVC / The portal's answer could not be read");
        }
    }

    private PortalResult<TResult> NoAnswer<TResult>(string operation, PortalOutcome outcome, string reason)
    {
        LogNotSucceeded(logger, operation, outcome, 0);
        return PortalResult.Failure<TResult>(outcome, reason);
    }

    private static async Task<PortalResult<TResult>> FailureAsync<TResult>(
        HttpResponseMessage response, HttpMethod method, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var reason = await ReasonAsync(response, cancellationToken).ConfigureAwait(false);
        if (status == HttpStatusCode.TooManyRequests)
        {
            return PortalResult.Failure<TResult>(PortalOutcome.Transient, reason) with { RetryAfter = RetryAfter(response) };
        }

        var outcome = status switch
        {
            // A gateway that gave up waiting does not know whether the portal behind it did the write.
            HttpStatusCode.GatewayTimeout when method != HttpMethod.Get => PortalOutcome.Ambiguous,
            HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError => PortalOutcome.Transient,
            _ => PortalOutcome.Refused,
        };
        return PortalResult.Failure<TResult>(outcome, reason);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>The portal's explanation: a problem document's detail or title, else the status.</summary>
    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var fallback = $"Cổng DVC trả lời {(int)response.StatusCode} / The portal answered {(int)response.StatusCode} {response.ReasonPhrase}";
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var said = root.ValueKind == JsonValueKind.Object
                ? Text(root, "detail") ?? Text(root, "title") ?? Text(root, "message")
                : null;
            return said is null ? fallback : Sanitize(said);
        }
        catch (JsonException)
        {
            return fallback;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;

    /// <summary>Masks anything that looks like an identity or phone number, and bounds the length.</summary>
    internal static string Sanitize(string reason)
    {
        var masked = LongDigitRun().Replace(reason, "***");
        return masked.Length <= MaxReasonLength ? masked : masked[..MaxReasonLength] + "…";
    }

    /// <summary>The route without receipts or references, for logs.</summary>
    private static string OperationName(string path) => path switch
    {
        _ when path.StartsWith("dossiers?", StringComparison.Ordinal) => "dossiers?clientReference",
        _ when path.EndsWith("/supplements", StringComparison.Ordinal) => "dossiers/{receipt}/supplements",
        "dossiers" => "dossiers",
        _ => "dossiers/{receipt}",
    };

    [GeneratedRegex(@"\d{9,}")]
    private static partial Regex LongDigitRun();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Portal call {Operation} did not succeed: {Outcome} (HTTP status {StatusCode}, 0 when none)")]
    private static partial void LogNotSucceeded(ILogger logger, string operation, PortalOutcome outcome, int statusCode);
}
