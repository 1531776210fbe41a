using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProvincePlatform.Host.Tests.Observability;

/// <summary>
/// Just enough PromQL to find the metrics a query reads, and the queries of the dashboard and the alert rules. A
/// metric is an identifier that is not a function (followed by <c>(</c>), an aggregation or a keyword, once string
/// literals, label matchers <c>{…}</c>, ranges <c>[…]</c>, label lists (<c>by (…)</c>, <c>on (…)</c>, …), Grafana
/// variables and numbers are taken out.
/// </summary>
public static partial class PromQl
{
    /// <summary>Grafana's built-in intervals and the dashboard's variables, as values Prometheus accepts.</summary>
    private static readonly (string Variable, string Value)[] s_grafanaValues =
    [
        ("$__rate_interval", "5m"), ("$__interval", "1m"), ("$__range", "1h"), ("${instance}", ".*"), ("$instance", ".*"),
    ];

    private static readonly HashSet<string> s_keywords = new(StringComparer.Ordinal)
    {
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
        "limitk", "limit_ratio", "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
        "offset", "bool", "atan2", "inf", "nan", "start", "end",
    };

    /// <summary>The metric names an expression reads.</summary>
    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var text = StringLiteral().Replace(expression, " ");
        text = GrafanaVariable().Replace(text, " ");
        text = LabelMatchers().Replace(text, " ");
        text = Range().Replace(text, " ");
        text = LabelList().Replace(text, " ");
        text = Offset().Replace(text, " ");
        text = Number().Replace(text, " ");
        return Identifier().Matches(text)
            .Where(match => !match.Groups["call"].Success && !s_keywords.Contains(match.Groups["name"].Value))
            .Select(match => match.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The expression with Grafana's variables replaced by values Prometheus accepts, for promtool.</summary>
    public static string WithoutGrafanaVariables(string expression) =>
        s_grafanaValues.Aggregate(expression, (text, pair) => text.Replace(pair.Variable, pair.Value, StringComparison.Ordinal));

    /// <summary>
    /// Every query of a Grafana dashboard: each panel's <c>targets[].expr</c>, also of panels nested in collapsed rows,
    /// and the queries of its variables (the series selector of <c>label_values(…, label)</c>).
    /// </summary>
    public static IReadOnlyList<PromQuery> DashboardQueries(JsonElement dashboard)
    {
        var queries = new List<PromQuery>();
        CollectPanels(dashboard.GetProperty("panels"), queries);
        if (dashboard.TryGetProperty("templating", out var templating))
        {
            foreach (var variable in templating.GetProperty("list").EnumerateArray().Where(variable => variable.GetProperty("type").GetString() == "query"))
            {
                var query = variable.GetProperty("query");
                var text = query.ValueKind == JsonValueKind.Object ? query.GetProperty("query").GetString() : query.GetString();
                var labelValues = LabelValues().Match(text ?? string.Empty);
                queries.Add(new PromQuery($"variable {variable.GetProperty("name").GetString()}",
                    labelValues.Success ? labelValues.Groups["selector"].Value : text ?? string.Empty));
            }
        }

        return queries;
    }

    /// <summary>
    /// Every <c>expr</c> of a Prometheus rules file, by the alert (or record) it belongs to: inline, or the block
    /// scalar (<c>|</c>, <c>&gt;</c>) of the lines indented under it.
    /// </summary>
    public static IReadOnlyList<PromQuery> RuleExpressions(string rulesFile)
    {
        var expressions = new List<PromQuery>();
        var lines = rulesFile.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        var rule = "(none)";
        for (var index = 0; index < lines.Length; index++)
        {
            if (RuleName().Match(lines[index]) is { Success: true } name)
            {
                rule = name.Groups["name"].Value;
                continue;
            }

            if (ExprLine().Match(lines[index]) is not { Success: true } expr)
            {
                continue;
            }

            var value = expr.Groups["value"].Value.Trim();
            if (value.Length > 0 && value[0] is '|' or '>')
            {
                var indent = expr.Groups["indent"].Value.Length;
                var block = lines.Skip(index + 1)
                    .TakeWhile(line => line.Trim().Length == 0 || line.Length - line.TrimStart().Length > indent)
                    .Select(line => line.Trim());
                value = string.Join(' ', block).Trim();
            }
            else if (value.Length > 1 && value[0] is '"' or '\'')
            {
                value = value[1..^1];
            }

            expressions.Add(new PromQuery(rule, value));
        }

        return expressions;
    }

    private static void CollectPanels(JsonElement panels, List<PromQuery> queries)
    {
        foreach (var panel in panels.EnumerateArray())
        {
            var title = panel.TryGetProperty("title", out var named) ? named.GetString() : "(untitled)";
            if (panel.TryGetProperty("targets", out var targets))
            {
                foreach (var target in targets.EnumerateArray())
                {
                    if (target.TryGetProperty("expr", out var expr))
                    {
                        queries.Add(new PromQuery($"{title} {target.GetProperty("refId").GetString()}", expr.GetString() ?? string.Empty));
                    }
                }
            }

            if (panel.TryGetProperty("panels", out var nested))
            {
                CollectPanels(nested, queries);
            }
        }
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex GrafanaVariable();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\[\]]*\]")]
    private static partial Regex Range();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)")]
    private static partial Regex LabelList();

    [GeneratedRegex(@"\boffset\s+-?[0-9a-z]+")]
    private static partial Regex Offset();

    [GeneratedRegex(@"(?<![A-Za-z0-9_:])[0-9][0-9a-fA-FxX.eE_]*(?:[eE][+-]?[0-9]+)?[smhdwy]*")]
    private static partial Regex Number();

    [GeneratedRegex(@"(?<name>[A-Za-z_:][A-Za-z0-9_:]*)(?<call>\s*\()?")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^\s*label_values\((?<selector>.*),\s*[A-Za-z_][A-Za-z0-9_]*\s*\)\s*$")]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"^\s*-\s*(alert|record):\s*(?<name>\S+)")]
    private static partial Regex RuleName();

    [GeneratedRegex(@"^(?<indent>\s*)expr:(?<value>.*)$")]
    private static partial Regex ExprLine();
}

/// <summary>A query and where it was found (a panel's title and refId, a variable, an alert).</summary>
public sealed record PromQuery(string Source, string Expression);
