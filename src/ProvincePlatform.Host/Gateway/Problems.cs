using Microsoft.AspNetCore.Http.HttpResults;
using ProvincePlatform.Contracts.Common;

namespace ProvincePlatform.Host.Gateway;

/// <summary>Builds RFC 9457 problem results, so every refusal and validation failure reads the same.</summary>
public static class Problems
{
    public static ProblemHttpResult Of(ProblemType problem, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: problem.Status, title: problem.Title, type: problem.Type, extensions: extensions);

    /// <summary>The problem for a bare status the framework answers itself.</summary>
    public static ProblemHttpResult OfStatus(int status) =>
        ProblemType.ForStatus(status) is { } known ? Of(known) : TypedResults.Problem(statusCode: status);

    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors) =>
        Of(ProblemType.Validation, extensions: new Dictionary<string, object?> { ["errors"] = errors });

    public static ProblemHttpResult Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A grain's refusal; one about fields' values names them in <c>errors</c>.</summary>
    public static ProblemHttpResult Of(Refusal refusal)
    {
        var problem = RefusalProblems.For(refusal.Code);
        var errors = refusal.Errors?.ToDictionary(pair => pair.Key, pair => new[] { pair.Value }) ?? [];
        if (refusal.Field is not null)
        {
            errors[refusal.Field] = [refusal.Detail ?? problem.Title];
        }

        return Of(problem, refusal.Detail, errors.Count == 0 ? null : new Dictionary<string, object?> { ["errors"] = errors });
    }
}
