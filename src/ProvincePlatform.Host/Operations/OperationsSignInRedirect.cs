using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace ProvincePlatform.Host.Operations;

/// <summary>
/// Sends a person whose browser opens an operations page without a session to the sign-in page, and back afterwards;
/// every other refusal (an API tool without a key, a key whose role may not) is answered by the gateway's own result
/// handler, which this one wraps: 401 or 403 with a problem document.
/// </summary>
public sealed class OperationsSignInRedirect(IAuthorizationMiddlewareResultHandler inner) : IAuthorizationMiddlewareResultHandler
{
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged && IsOperationsPage(context) && IsPageNavigation(context.Request))
        {
            var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            context.Response.Redirect(OperationsAccess.SignInPath + QueryString.Create(OperationsSignIn.ReturnUrlField, back));
            return Task.CompletedTask;
        }

        return inner.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>
    /// Wraps the result handler registered so far: the gateway's, which must therefore be registered first.
    /// </summary>
    public static void Decorate(IServiceCollection services)
    {
        var gateway = services.LastOrDefault(service => service.ServiceType == typeof(IAuthorizationMiddlewareResultHandler) && !service.IsKeyedService)
            ?? throw new InvalidOperationException(
                "The operations pages wrap the gateway's authorisation result handler: call AddOperations after the gateway is added.");
        services.AddSingleton<IAuthorizationMiddlewareResultHandler>(provider => new OperationsSignInRedirect(Resolve(gateway, provider)));
    }

    private static IAuthorizationMiddlewareResultHandler Resolve(ServiceDescriptor service, IServiceProvider provider) =>
        (IAuthorizationMiddlewareResultHandler)(service.ImplementationInstance
            ?? service.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, service.ImplementationType!));

    private static bool IsOperationsPage(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(data => data.Policy == OperationsAccess.PolicyName) == true;

    /// <summary>A browser loading a page, as opposed to a script or the dashboard's own requests for data.</summary>
    private static bool IsPageNavigation(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
