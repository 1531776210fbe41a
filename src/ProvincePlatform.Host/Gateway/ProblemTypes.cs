namespace ProvincePlatform.Host.Gateway;

/// <summary>One kind of problem the gateway reports: its status, its stable type URI and its title (Vietnamese / English).</summary>
public sealed record ProblemType(int Status, string Slug, string Title)
{
    public string Type => $"urn:provinceplatform:problem:{Slug}";

    public static ProblemType Validation { get; } =
        new(StatusCodes.Status400BadRequest, "validation", "Dữ liệu không hợp lệ / The request is not valid");

    public static ProblemType MalformedBody { get; } =
        new(StatusCodes.Status400BadRequest, "malformed-body", "Nội dung yêu cầu không đọc được / The request body cannot be read");

    public static ProblemType BodyTooLarge { get; } =
        new(StatusCodes.Status413PayloadTooLarge, "body-too-large", "Nội dung yêu cầu quá lớn / The request body is too large");

    public static ProblemType UnsupportedMediaType { get; } =
        new(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Chỉ nhận application/json / Only application/json is accepted");

    public static ProblemType Unauthorized { get; } =
        new(StatusCodes.Status401Unauthorized, "unauthorized", "Thiếu khóa API hoặc khóa không đúng / Missing or unknown API key");

    public static ProblemType Forbidden { get; } =
        new(StatusCodes.Status403Forbidden, "forbidden", "Khóa API này không có quyền thao tác này / This API key may not do this");

    public static ProblemType TooManyRequests { get; } =
        new(StatusCodes.Status429TooManyRequests, "too-many-requests", "Quá nhiều yêu cầu, xin thử lại sau / Too many requests, retry later");

    public static ProblemType NotFound { get; } =
        new(StatusCodes.Status404NotFound, "not-found", "Không tìm thấy / Not found");

    public static ProblemType MethodNotAllowed { get; } =
        new(StatusCodes.Status405MethodNotAllowed, "method-not-allowed", "Phương thức không được hỗ trợ / Method not allowed");

    public static ProblemType CommuneNotFound { get; } =
        new(StatusCodes.Status404NotFound, "commune-not-found", "Không tìm thấy xã / Commune not found");

    public static ProblemType RolloutOperationNotFound { get; } =
        new(StatusCodes.Status404NotFound, "rollout-operation-not-found", "Không tìm thấy đợt triển khai / Rollout operation not found");

    public static ProblemType Unavailable { get; } =
        new(StatusCodes.Status503ServiceUnavailable, "unavailable", "Hệ thống tạm thời bận, xin thử lại / Temporarily unavailable, please retry");

    public static ProblemType Unexpected { get; } =
        new(StatusCodes.Status500InternalServerError, "unexpected", "Lỗi hệ thống không mong đợi / Unexpected error");

    /// <summary>The problem for a bare status that the framework answers itself (unknown route, wrong method, …).</summary>
    public static ProblemType? ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => MalformedBody,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => BodyTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status500InternalServerError => Unexpected,
        StatusCodes.Status503ServiceUnavailable => Unavailable,
        _ => null,
    };
}
