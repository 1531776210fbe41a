using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace ProvincePlatform.Host.Tests.Access;

/// <summary>
/// A request written by hand, for what <see cref="HttpClient"/> will not send: it folds a header given twice into one
/// line, and the gateway must see two. HTTP/1.0, so that the server closes the connection after an unchunked answer.
/// </summary>
public static class RawHttp
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    public static async Task<HttpResponseMessage> GetAsync(Uri baseAddress, string path, params (string Name, string Value)[] headers)
    {
        var head = new StringBuilder().Append(CultureInfo.InvariantCulture, $"GET {path} HTTP/1.0\r\nHost: {baseAddress.Authority}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        head.Append("\r\n");
        using var cancellation = new CancellationTokenSource(s_timeout);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port, cancellation.Token);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellation.Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(await reader.ReadToEndAsync(cancellation.Token));
    }

    private static HttpResponseMessage Parse(string answer)
    {
        var split = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = (split < 0 ? answer : answer[..split]).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent(split < 0 ? string.Empty : answer[(split + 4)..]),
        };
        response.Content.Headers.ContentType = null;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (name, value) = (line[..colon], line[(colon + 1)..].Trim());
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else if (!name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }
}
