namespace ProvincePlatform.Host.Tests.Support;

/// <summary>Every route of the contract (shared/api/v1.md) that the gateway serves, and the audit log's.</summary>
public static class ContractRoutes
{
    public static IReadOnlyList<string> All { get; } =
    [
        "GET /api/v1/communes",
        "GET /api/v1/communes/{communeCode}",
        "POST /api/v1/communes/{communeCode}/help-points",
        "GET /api/v1/communes/{communeCode}/help-points",
        "GET /api/v1/help-points/{helpPointId}",
        "PUT /api/v1/help-points/{helpPointId}",
        "POST /api/v1/help-points/{helpPointId}/closures",
        "GET /api/v1/help-points/{helpPointId}/sessions",
        "POST /api/v1/help-points/{helpPointId}/sessions/{sessionId}/bookings",
        "POST /api/v1/help-points/{helpPointId}/sessions/{sessionId}/walk-ins",
        "GET /api/v1/bookings/{bookingId}",
        "DELETE /api/v1/bookings/{bookingId}",
        "POST /api/v1/bookings/{bookingId}/check-in",
        "GET /api/v1/services",
        "POST /api/v1/communes/{communeCode}/requests",
        "GET /api/v1/communes/{communeCode}/requests",
        "GET /api/v1/requests/{requestId}",
        "PUT /api/v1/requests/{requestId}/form",
        "POST /api/v1/requests/{requestId}/submit",
        "POST /api/v1/citizens/lookup",
        "GET /api/v1/communes/{communeCode}/stats",
        "GET /api/v1/province/stats",
        "GET /api/v1/communes/{communeCode}/rollout-stage",
        "PUT /api/v1/communes/{communeCode}/rollout-stage",
        "GET /api/v1/province/rollout",
        "POST /api/v1/province/rollout",
        "GET /api/v1/province/rollout/operations/{operationId}",
        "GET /api/v1/audit",
    ];
}
