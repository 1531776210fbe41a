using System.Globalization;
using System.Text.RegularExpressions;

namespace ProvincePlatform.Host.Tests.Telemetry;

/// <summary>One scrape of <c>/metrics</c> in the Prometheus text format: each sample with its labels and value.</summary>
public sealed partial class PrometheusScrape(IReadOnlyList<PrometheusSample> samples)
{
    public IReadOnlyList<PrometheusSample> Samples { get; } = samples;

    public IEnumerable<string> Names => Samples.Select(sample => sample.Name).Distinct(StringComparer.Ordinal);

    public static PrometheusScrape Parse(string text) => new([.. text.Split('\n')
        .Where(line => line.Length > 0 && line[0] != '#')
        .Select(line => SampleLine().Match(line))
        .Where(match => match.Success)
        .Select(match => new PrometheusSample(
            match.Groups["name"].Value,
            LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(pair => pair.Groups["key"].Value, pair => pair.Groups["value"].Value),
            double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)))]);

    /// <summary>The sum of the samples of the metric whose labels include the given ones (all of them when none are given).</summary>
    public double Value(string name, params (string Key, string Value)[] labels) =>
        Samples.Where(sample => sample.Name == name && labels.All(label => sample.Labels.GetValueOrDefault(label.Key) == label.Value))
            .Sum(sample => sample.Value);

    /// <summary>
    /// What changed since an earlier scrape: counters and histograms (<c>_total</c>, <c>_count</c>, <c>_sum</c>,
    /// <c>_bucket</c>) as differences, gauges as they are now.
    /// </summary>
    public PrometheusScrape Since(PrometheusScrape earlier) => new([.. Samples.Select(sample =>
        IsCumulative(sample.Name)
            ? sample with { Value = sample.Value - earlier.Samples.Where(old => old.Name == sample.Name && SameLabels(old, sample)).Sum(old => old.Value) }
            : sample)]);

    public bool Has(string name) => Samples.Any(sample => sample.Name == name);

    private static bool IsCumulative(string name) =>
        name.EndsWith("_total", StringComparison.Ordinal) || name.EndsWith("_count", StringComparison.Ordinal)
        || name.EndsWith("_sum", StringComparison.Ordinal) || name.EndsWith("_bucket", StringComparison.Ordinal);

    private static bool SameLabels(PrometheusSample a, PrometheusSample b) =>
        a.Labels.Count == b.Labels.Count && a.Labels.All(label => b.Labels.GetValueOrDefault(label.Key) == label.Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<key>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(?:[^"\\]|\\.)*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex LabelPair();
}

public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
