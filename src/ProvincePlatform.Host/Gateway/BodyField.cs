namespace ProvincePlatform.Host.Gateway;

/// <summary>
/// Endpoint metadata naming what a route's body is a part of: the body of <c>PUT /requests/{id}/form</c> is the form,
/// so an unreadable value in it is reported as <c>form.childFullName</c>, as the form's own rules report it.
/// </summary>
public sealed record BodyField(string Prefix)
{
    public static string Of(Endpoint? endpoint, string field) =>
        endpoint?.Metadata.GetMetadata<BodyField>() is { } body
            ? field == "body" ? body.Prefix : $"{body.Prefix}.{field}"
            : field;
}
