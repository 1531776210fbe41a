using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using ProvincePlatform.Audit;
using ProvincePlatform.Contracts.Common;

namespace ProvincePlatform.Host.Gateway;

/// <summary>
/// Turns what is thrown before or around an endpoint into a problem document: unreadable bodies into 400 (naming
/// the JSON field where there is one), oversized bodies into 413, a cluster that cannot answer in time into 503.
/// Nothing of the request's content is echoed back, since it may hold personal data.
/// </summary>
public sealed partial class GatewayExceptionHandler(ILogger<GatewayExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has cleared the context's endpoint by now; the feature still knows where the request went.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        var result = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problems.Of(ProblemType.BodyTooLarge),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => Problems.Of(ProblemType.UnsupportedMediaType),
            // JSON declared in a charset .NET cannot decode (utf-7, "nonsense"): the framework refuses to read the body.
            InvalidOperationException { InnerException: ArgumentException or NotSupportedException } when DeclaresUnknownCharset(httpContext.Request) =>
                Problems.Of(ProblemType.UnsupportedMediaType),
            BadHttpRequestException { InnerException: JsonException json } => Problems.Invalid(
                BodyField.Of(endpoint, FieldOf(json)), "Sai kiểu dữ liệu, định dạng hoặc tên trường / Wrong type, format or field name."),
            BadHttpRequestException bad when bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) =>
                Problems.Invalid("body", "Bắt buộc có nội dung JSON / A JSON body is required."),
            BadHttpRequestException bad => Problems.Of(ProblemType.MalformedBody with { Status = bad.StatusCode }),
            // The cluster or its database cannot answer now: nothing was accepted, and the same request may be retried.
            TimeoutException or OrleansException or StorageUnavailableException or AuditUnavailableException
                or Orleans.Serialization.SerializerException =>
                Unavailable(httpContext),
            _ => null,
        };

        if (result is null)
        {
            LogUnexpected(logger, exception, httpContext.Request.Method, endpoint?.DisplayName);
            result = Problems.Of(ProblemType.Unexpected);
        }
        else if (result.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            LogUnavailable(logger, exception.GetType().Name, endpoint?.DisplayName);
        }

        await result.ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>"$.citizen.idNumber" becomes "citizen.idNumber"; a fault in the document as a whole is "body".</summary>
    private static string FieldOf(JsonException exception) =>
        exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
        : exception.Path is { Length: > 1 } indexed && indexed.StartsWith("$[", StringComparison.Ordinal) ? indexed[1..]
        : "body";

    /// <summary>Whether the request's Content-Type names a charset that no encoding of this process answers to.</summary>
    private static bool DeclaresUnknownCharset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || !mediaType.Charset.HasValue)
        {
            return false;
        }

        try
        {
            _ = Encoding.GetEncoding(mediaType.Charset.ToString());
            return false;
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            return true;
        }
    }

    private static ProblemHttpResult Unavailable(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = "5";
        return Problems.Of(ProblemType.Unavailable);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure in {Method} {Endpoint}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string? endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster could not answer ({ExceptionType}) in {Endpoint}")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType, string? endpoint);
}
