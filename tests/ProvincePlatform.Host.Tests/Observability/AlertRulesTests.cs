using System.Text.RegularExpressions;

namespace ProvincePlatform.Host.Tests.Observability;

/// <summary>
/// The alert rules and Prometheus' configuration of <c>deploy/observability/</c>, checked by promtool as Prometheus
/// would load them, and every alert proved to fire by promtool's unit tests (<c>alert-rules.test.yml</c>).
/// </summary>
public sealed partial class AlertRulesTests
{
    /// <summary>The alerts the operations issue asks for; more may follow.</summary>
    private static readonly string[] s_annotations = ["summary", "description"];

    public static readonly TheoryData<string> RequiredAlerts = new(["PortalFailing", "OutboxGrowing", "SiloDown", "BookingErrors"]);

    [Fact]
    public async Task The_alert_rules_pass_promtool_check_rules()
    {
        var check = await Promtool.RunAsync("check", "rules", ObservabilityFiles.AlertRules);

        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("SUCCESS", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Prometheus_configuration_and_its_rule_files_pass_promtool_check_config()
    {
        var check = await Promtool.RunAsync("check", "config", ObservabilityFiles.PrometheusConfig);

        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains(ObservabilityFiles.AlertRules, check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_alert_fires_and_stays_quiet_as_its_promtool_unit_tests_say()
    {
        var test = await Promtool.RunAsync("test", "rules", ObservabilityFiles.AlertRulesTests);

        Assert.True(test.ExitCode == 0, test.Output);
        Assert.Contains("SUCCESS", test.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RequiredAlerts))]
    public void The_issue_s_alerts_are_defined(string alert) =>
        Assert.Contains(alert, AlertBlocks().Keys);

    [Fact]
    public void Every_alert_has_a_unit_test_in_which_it_fires()
    {
        var firing = EvalBlocks()
            .Where(block => block.Contains("- exp_labels:", StringComparison.Ordinal))
            .Select(block => AlertName().Match(block).Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(AlertBlocks().Keys, alert => Assert.True(firing.Contains(alert), $"No test of {ObservabilityFiles.AlertRulesTests} expects {alert} to fire."));
    }

    [Fact]
    public void Every_alert_has_a_severity_and_Vietnamese_then_English_texts()
    {
        Assert.All(AlertBlocks(), alert =>
        {
            Assert.Matches(@"\n\s+severity: (critical|warning)\n", alert.Value);
            foreach (var annotation in s_annotations)
            {
                var text = Annotation(alert.Value, annotation);
                Assert.False(string.IsNullOrWhiteSpace(text), $"{alert.Key} has no {annotation}.");
                var halves = text.Split(" / ");
                Assert.True(halves.Length >= 2, $"{alert.Key}'s {annotation} is not \"Vietnamese / English\": {text}");
                Assert.Matches(VietnameseLetter(), halves[0]);
                Assert.DoesNotMatch(VietnameseLetter(), halves[^1]);
            }
        });
    }

    /// <summary>Each alert's text in alert-rules.yml, from its <c>- alert:</c> line to the next rule or group.</summary>
    private static Dictionary<string, string> AlertBlocks()
    {
        var text = ObservabilityFiles.Read(ObservabilityFiles.AlertRules).Replace("\r", string.Empty, StringComparison.Ordinal);
        return RuleStart().Split(text)
            .Select(block => RuleHead().Match(block))
            .Where(head => head.Success && head.Groups["kind"].Value == "alert")
            .ToDictionary(head => head.Groups["name"].Value, head => head.Value, StringComparer.Ordinal);
    }

    /// <summary>The alert_rule_test entries of alert-rules.test.yml, one per eval_time.</summary>
    private static IEnumerable<string> EvalBlocks() =>
        EvalStart().Split(ObservabilityFiles.Read(ObservabilityFiles.AlertRulesTests).Replace("\r", string.Empty, StringComparison.Ordinal)).Skip(1);

    /// <summary>An annotation's text: quoted on its line, or a folded block (<c>&gt;-</c>) under it joined by spaces.</summary>
    private static string Annotation(string alert, string name)
    {
        var lines = alert.Split('\n');
        var index = Array.FindIndex(lines, line => line.TrimStart().StartsWith(name + ":", StringComparison.Ordinal));
        if (index < 0)
        {
            return string.Empty;
        }

        var value = lines[index].Trim()[(name.Length + 1)..].Trim();
        if (value.StartsWith('>') || value.StartsWith('|'))
        {
            var indent = lines[index].Length - lines[index].TrimStart().Length;
            return string.Join(' ', lines.Skip(index + 1)
                .TakeWhile(line => line.Trim().Length > 0 && line.Length - line.TrimStart().Length > indent)
                .Select(line => line.Trim()));
        }

        return value.Trim('"');
    }

    [GeneratedRegex(@"(?=^\s*-\s*(?:alert|record):)", RegexOptions.Multiline)]
    private static partial Regex RuleStart();

    [GeneratedRegex(@"^\s*-\s*(?<kind>alert|record):\s*(?<name>\S+)[\s\S]*?(?=^\s*-\s*name:|\z)", RegexOptions.Multiline)]
    private static partial Regex RuleHead();

    [GeneratedRegex(@"(?=^\s*-\s*eval_time:)", RegexOptions.Multiline)]
    private static partial Regex EvalStart();

    [GeneratedRegex(@"alertname:\s*(?<name>\S+)")]
    private static partial Regex AlertName();

    /// <summary>A letter only Vietnamese uses here: đ, ơ, ư, or a vowel with a Vietnamese tone mark.</summary>
    [GeneratedRegex("[đĐơƠưƯăĂâÂêÊôÔàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")]
    private static partial Regex VietnameseLetter();
}
