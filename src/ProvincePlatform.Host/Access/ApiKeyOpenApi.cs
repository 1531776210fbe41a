using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ProvincePlatform.Host.Access;

/// <summary>
/// Tells readers of the OpenAPI document (and the "Authorize" button of /docs) that the API needs an
/// <c>X-Api-Key</c>, on exactly the operations that do, and which policy each one answers to.
/// </summary>
public static class ApiKeyOpenApi
{
    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeys.HeaderName,
                Description = "Khóa API do Sở cấp / The API key the province issued (roles ProvinceAdmin, CommunePortal, Ops).",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any() || metadata.OfType<IAuthorizeData>().LastOrDefault() is not { } authorize)
            {
                return Task.CompletedTask;
            }

            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [] },
            ];
            operation.Description = $"{operation.Description}\n\nAccess policy: `{authorize.Policy}`.".TrimStart();
            return Task.CompletedTask;
        });
    }
}
