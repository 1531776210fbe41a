namespace ProvincePlatform.Host.Audit;

/// <summary>
/// Records each audited call (see <see cref="AuditTrail"/>) once its handler has answered and before the answer
/// leaves, naming the resource the call created where it created one.
/// </summary>
public sealed class AuditFilter(AuditTrail trail) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (AuditTrail.Audits(context.HttpContext))
        {
            var outcome = result is INestedHttpResult nested ? nested.Result : result;
            await trail.RecordAsync(
                context.HttpContext,
                outcome is IStatusCodeHttpResult { StatusCode: { } status } ? status : StatusCodes.Status200OK,
                outcome is IValueHttpResult { Value: ICreatedResource created } ? created.Id : null);
        }

        return result;
    }
}
