using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProvincePlatform.Host.Tests.Support;

/// <summary>Sending bodies and reading answers as the contract's JSON, with the status checked first.</summary>
public static class HttpJson
{
    public const string ProblemMediaType = "application/problem+json";
    public const string ProblemTypePrefix = "urn:provinceplatform:problem:";

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static StringContent Content(object body) => Raw(JsonSerializer.Serialize(body, Options));

    public static StringContent Raw(string json, string mediaType = "application/json") =>
        new(json, Encoding.UTF8, mediaType);

    /// <summary>Asserts the status (showing the body when it differs) and returns the JSON body.</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Asserts an RFC 9457 problem document with the status, our type URI (the given slug, when one is given), a
    /// title and the status member; returns it.
    /// </summary>
    public static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string? typeSlug = null)
    {
        var problem = await ReadAsync(response, expected);
        Assert.Equal(ProblemMediaType, response.Content.Headers.ContentType?.MediaType);
        var type = problem.GetProperty("type").GetString();
        Assert.StartsWith(ProblemTypePrefix, type, StringComparison.Ordinal);
        if (typeSlug is not null)
        {
            Assert.Equal(ProblemTypePrefix + typeSlug, type);
        }

        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>Asserts a 400 validation problem whose <c>errors</c> name the field with at least one message.</summary>
    public static async Task<JsonElement> ReadValidationProblemAsync(HttpResponseMessage response, string field)
    {
        var problem = await ReadProblemAsync(response, HttpStatusCode.BadRequest);
        AssertNames(problem, field);
        return problem;
    }

    public static void AssertNames(JsonElement problem, string field)
    {
        Assert.True(problem.TryGetProperty("errors", out var errors), $"No errors member in {problem}");
        var named = errors.EnumerateObject().Select(error => error.Name).ToList();
        Assert.True(errors.TryGetProperty(field, out var messages), $"errors names {string.Join(", ", named)}, not {field}");
        Assert.Contains(messages.EnumerateArray(), message => !string.IsNullOrWhiteSpace(message.GetString()));
    }

    /// <summary>A string member that must be there.</summary>
    public static string Text(this JsonElement element, string property) =>
        element.GetProperty(property).GetString() ?? throw new InvalidOperationException($"{property} is null");
}
