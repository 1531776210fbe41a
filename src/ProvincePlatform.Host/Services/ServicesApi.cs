using Microsoft.AspNetCore.Http.HttpResults;
using ProvincePlatform.Grains.Services;
using ProvincePlatform.Host.Access;

namespace ProvincePlatform.Host.Services;

public static class ServicesApi
{
    public static IEndpointRouteBuilder MapServicesApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/services", ListServices)
            .RequireAuthorization(AccessPolicy.AnyClient)
            .WithTags("Services and citizen requests")
            .WithName("ListServices")
            .WithSummary("The public services a help point guides citizens to file, with their form fields.");
        return routes;
    }

    public static Ok<ServiceResponse[]> ListServices() =>
        TypedResults.Ok(ServiceCatalogue.All.Select(ServiceResponse.From).ToArray());
}

public sealed record ServiceResponse(string Code, string Name, string NameEn, OnlineLevel OnlineLevel, IReadOnlyList<FieldResponse> Fields)
{
    public static ServiceResponse From(PublicService service) => new(
        service.Code, service.Name, service.NameEn, service.OnlineLevel, [.. service.Fields.Select(FieldResponse.From)]);
}

/// <summary>A form field; values are sent as strings, shaped as <see cref="Type"/> says.</summary>
public sealed record FieldResponse(
    string Name,
    string Label,
    string LabelEn,
    FormFieldType Type,
    bool Required,
    int? MaxLength,
    int? Min,
    int? Max,
    IReadOnlyList<string>? Options)
{
    public static FieldResponse From(FormField field) => new(
        field.Name, field.Label, field.LabelEn, field.Type, field.Required, field.MaxLength, field.Min, field.Max,
        field.Options.IsDefaultOrEmpty ? null : field.Options);
}
