using System.Net;
using System.Text.Json;

namespace ProvincePlatform.Host.Rollout.Command;

/// <summary>
/// A refusal from the gateway as lines a person reads: the problem document's title, detail and each field's errors
/// (RFC 9457), with a hint where the fix is on this side. An answer that is not a problem document (a proxy's HTML
/// page) is reported by its status alone.
/// </summary>
public static class ProblemReport
{
    private const int MaxTextLength = 500;

    /// <param name="describeField">Says more about a field the errors name; the name as it is by default.</param>
    public static IReadOnlyList<string> Describe(HttpStatusCode status, string body, Func<string, string>? describeField = null)
    {
        var code = (int)status;
        var lines = new List<string>();
        if (TryParse(body) is { } problem && Text(problem, "title") is { } title)
        {
            lines.Add($"Máy chủ trả lời / The gateway answered HTTP {code}: {title}");
            if (Text(problem, "detail") is { } detail)
            {
                lines.Add($"  {detail}");
            }

            if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in errors.EnumerateObject())
                {
                    var name = Printable(describeField?.Invoke(field.Name) ?? field.Name);
                    lines.Add($"  {name}: {string.Join(" ", Messages(field.Value))}");
                }
            }
        }
        else
        {
            lines.Add($"Máy chủ trả lời / The gateway answered HTTP {code} {status}.");
        }

        if (Hint(status) is { } hint)
        {
            lines.Add(hint);
        }

        return lines;
    }

    private static string? Hint(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized =>
            "Kiểm tra khóa trong PROVINCE_API_KEY / Check the key in PROVINCE_API_KEY.",
        HttpStatusCode.Forbidden =>
            "Khóa này không có vai trò ProvinceAdmin / This key does not have the ProvinceAdmin role.",
        HttpStatusCode.NotFound =>
            "Kiểm tra --gateway: máy chủ có thể chưa có API triển khai / Check --gateway: the gateway may not have the rollout API.",
        _ => null,
    };

    private static JsonElement? TryParse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement problem, string member) =>
        problem.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? Printable(text)
            : null;

    private static IEnumerable<string> Messages(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Select(message => Printable(message.ToString())),
        _ => [Printable(value.ToString())],
    };

    /// <summary>
    /// A gateway's text as it may be printed: never at any length, and with control characters (an escape sequence
    /// would drive the terminal) shown as '?'.
    /// </summary>
    public static string Printable(string text)
    {
        var shortened = text.Length > MaxTextLength ? text[..MaxTextLength] + "…" : text;
        return string.Create(shortened.Length, shortened, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }
}
