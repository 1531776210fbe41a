namespace ProvincePlatform.Host.Rollout.Command;

/// <summary>What <c>ProvincePlatform.Host rollout …</c> was asked to do.</summary>
public sealed record RolloutArguments(Uri Gateway, string CommunesFile, string? TemplateFile)
{
    public const string Usage = """
        Cách dùng / Usage:
          ProvincePlatform.Host rollout --gateway <url> --communes <file.csv> [--template <template.json>]

        Triển khai mô hình điểm hỗ trợ tới các xã trong tệp CSV và theo dõi tiến độ.
        Rolls the help point model out to the communes of a CSV file and follows its progress.

          --gateway <url>       địa chỉ cổng API / the gateway's address, e.g. http://127.0.0.1:5080
          --communes <file>     CSV UTF-8 có cột commune_code (sổ đăng ký) hoặc code
                                UTF-8 CSV with a commune_code (register format) or code column
          --template <file>     JSON theo dạng template của API; mặc định: mô hình Đại Thạnh
                                JSON in the API's template shape; default: the Đại Thạnh model
          --help                in hướng dẫn này / print this help

        Khóa API (vai trò ProvinceAdmin) lấy từ biến môi trường PROVINCE_API_KEY.
        The API key (ProvinceAdmin role) is read from the environment variable PROVINCE_API_KEY.

        Mã thoát / Exit codes:
          0    hoàn tất / completed
          1    có xã lỗi, hoặc máy chủ từ chối / some communes failed, or the gateway refused
          2    sai cách dùng hoặc tệp không hợp lệ / usage error or an invalid file
          130  dừng theo dõi bằng Ctrl+C (thao tác vẫn chạy) / stopped watching with Ctrl+C (the operation goes on)
        """;

    /// <summary>The arguments, or <c>help</c>, or what is wrong with them.</summary>
    public static (RolloutArguments? Arguments, bool Help, string? Error) Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            switch (name)
            {
                case "--help" or "-h":
                    return (null, true, null);
                case "--api-key" or "--key":
                    return Wrong(
                        "Khóa API không nhận qua dòng lệnh (nó sẽ lộ trong danh sách tiến trình và lịch sử shell); hãy đặt PROVINCE_API_KEY / " +
                        "The API key is not taken on the command line (it would show in the process list and shell history); set PROVINCE_API_KEY.");
                case "--gateway" or "--communes" or "--template":
                    var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        return Wrong($"Thiếu giá trị cho {name} / {name} needs a value.");
                    }

                    if (!values.TryAdd(name, value))
                    {
                        return Wrong($"{name} được cho hai lần / {name} is given twice.");
                    }

                    break;
                default:
                    return Wrong($"Không hiểu tham số \"{args[i]}\" / Unknown argument \"{args[i]}\".");
            }
        }

        if (!values.TryGetValue("--gateway", out var gateway))
        {
            return Wrong("Thiếu --gateway / --gateway is required.");
        }

        if (!values.TryGetValue("--communes", out var communes))
        {
            return Wrong("Thiếu --communes / --communes is required.");
        }

        if (!Uri.TryCreate(gateway, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return Wrong($"--gateway phải là địa chỉ http(s) đầy đủ, ví dụ http://127.0.0.1:5080 / --gateway must be a full http(s) address such as http://127.0.0.1:5080; got \"{gateway}\".");
        }

        return (new RolloutArguments(AsBase(uri), communes, values.GetValueOrDefault("--template")), false, null);
    }

    private static (RolloutArguments?, bool, string?) Wrong(string error) => (null, false, error);

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    /// <summary>
    /// The gateway with a trailing slash, so that relative routes land under it even behind a reverse proxy that
    /// serves the platform below a path of its own.
    /// </summary>
    private static Uri AsBase(Uri uri) => uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
}
