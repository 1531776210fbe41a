using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;

namespace ProvincePlatform.Host.Tests.Support;

/// <summary>A CSV download as the gateway sends it, read after its status, media type and byte order mark are checked.</summary>
public sealed record CsvDownload(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    private static readonly byte[] s_utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>GETs the route with <c>Accept: text/csv</c> and asserts a 200 attachment of UTF-8 text with a byte order mark.</summary>
    public static async Task<CsvDownload> GetAsync(HttpClient http, string uri)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("text/csv");
        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet, ignoreCase: true);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.True(bytes.AsSpan().StartsWith(s_utf8Bom), "The CSV does not start with a UTF-8 byte order mark.");
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes, s_utf8Bom.Length, bytes.Length - s_utf8Bom.Length);

        using var parser = new CsvParser(new StringReader(text), CultureInfo.InvariantCulture);
        var records = new List<IReadOnlyList<string>>();
        while (parser.Read())
        {
            records.Add([.. parser.Record!]);
        }

        Assert.NotEmpty(records);
        return new CsvDownload(records[0], records[1..]);
    }

    /// <summary>The rows as column name → cell.</summary>
    public IEnumerable<IReadOnlyDictionary<string, string>> Records =>
        Rows.Select(row => (IReadOnlyDictionary<string, string>)Header.Zip(row).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal));
}
