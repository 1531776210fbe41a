using System.Text;
using ProvincePlatform.Host.Access;

namespace ProvincePlatform.Host.Rollout.Command;

/// <summary>
/// <c>ProvincePlatform.Host rollout --gateway &lt;url&gt; --communes &lt;file.csv&gt; [--template &lt;template.json&gt;]</c>:
/// starts a province rollout for the communes of a CSV file through the gateway, follows it with a progress bar and
/// sums it up. The key comes from <c>PROVINCE_API_KEY</c>, never the command line, where the process list and the
/// shell's history would show it.
/// </summary>
public static class RolloutCommand
{
    public const string KeyVariable = "PROVINCE_API_KEY";

    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Polls in a row that may fail for a moment (a silo restarting, a proxy's 503) before the command gives up.</summary>
    public const int TransientFailuresTolerated = 5;

    public static bool Matches(string[] args) => args is ["rollout", ..];

    /// <summary>Runs on the process's console; the first Ctrl+C stops the polling, a second one the process.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        using var stop = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs press)
        {
            press.Cancel = !stop.IsCancellationRequested;
            stop.Cancel();
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            return await RunAsync(args, RolloutConsole.System(TimeProvider.System), stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    public static async Task<int> RunAsync(string[] args, RolloutConsole console, CancellationToken cancellationToken)
    {
        var (arguments, help, usageError) = RolloutArguments.Parse(args);
        if (help)
        {
            console.Output.WriteLine(RolloutArguments.Usage);
            return RolloutExitCode.Completed;
        }

        if (arguments is null)
        {
            return UsageError(console, usageError, withUsage: true);
        }

        if (console.Variable(KeyVariable)?.Trim() is not { Length: > 0 } key)
        {
            return UsageError(console,
                $"Thiếu khóa API: đặt biến môi trường {KeyVariable} (vai trò ProvinceAdmin) / " +
                $"No API key: set the environment variable {KeyVariable} (ProvinceAdmin role).");
        }

        // A header cannot carry a line break or non-ASCII text; say so here rather than fail inside HttpClient.
        if (key.Length > ApiKeys.MaxLength || key.Any(character => character is < '!' or > '~'))
        {
            return UsageError(console,
                $"{KeyVariable} không phải một khóa API / {KeyVariable} does not hold an API key.");
        }

        var communes = CommuneCodesCsv.ReadFile(arguments.CommunesFile);
        WriteLines(console.Error, communes.Warnings);
        if (!communes.IsValid)
        {
            WriteLines(console.Error, communes.Errors);
            return RolloutExitCode.Usage;
        }

        var (template, templateError) = arguments.TemplateFile is { } templateFile
            ? RolloutTemplateFile.Read(templateFile)
            : (RolloutTemplateFile.DaiThanhModel(), null);
        if (template is null)
        {
            return UsageError(console, templateError);
        }

        using var http = console.Handler is null ? new HttpClient() : new HttpClient(console.Handler, disposeHandler: false);
        http.BaseAddress = arguments.Gateway;
        http.DefaultRequestHeaders.Add(ApiKeys.HeaderName, key);
        var client = new RolloutClient(http);

        console.Output.WriteLine(
            $"Gửi {communes.Codes.Count} xã tới {arguments.Gateway} / Sending {RolloutSummary.Communes(communes.Codes.Count)} to {arguments.Gateway}");
        ApiResult<RolloutAccepted> started;
        try
        {
            started = await client.StartAsync(communes, template, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Error.WriteLine(
                $"Đã dừng trước khi máy chủ trả lời; chạy lại lệnh là an toàn (xã đã có không bị cấp lại) / " +
                $"Stopped before the gateway answered; running the command again is safe (it provisions nothing twice).");
            return RolloutExitCode.Interrupted;
        }

        if (started.Value is not { } accepted)
        {
            WriteLines(console.Error, started.Error!.Lines);
            return RolloutExitCode.Failed;
        }

        var operationId = ProblemReport.Printable(accepted.OperationId);
        console.Output.WriteLine($"Thao tác / Operation {operationId}: {accepted.Total} xã / {RolloutSummary.Communes(accepted.Total)}");
        return await FollowAsync(client, accepted, console, cancellationToken);
    }

    private static async Task<int> FollowAsync(RolloutClient client, RolloutAccepted accepted, RolloutConsole console, CancellationToken cancellationToken)
    {
        var bar = new ProgressBar(console.Output, console.Terminal);
        var failuresInARow = 0;
        try
        {
            while (true)
            {
                var polled = await client.GetOperationAsync(accepted.OperationId, cancellationToken);
                if (polled.Value is { } operation)
                {
                    failuresInARow = 0;
                    bar.Update(operation.Processed, operation.Failed, operation.Total);
                    if (!operation.IsRunning)
                    {
                        bar.Finish();
                        WriteLines(console.Output, RolloutSummary.Lines(operation));
                        return operation.Status == RolloutOperation.Completed ? RolloutExitCode.Completed : RolloutExitCode.Failed;
                    }
                }
                else if (!polled.Error!.Transient || ++failuresInARow > TransientFailuresTolerated)
                {
                    bar.Finish();
                    WriteLines(console.Error, polled.Error.Lines);
                    console.Error.WriteLine(NotFollowed(accepted.OperationId));
                    return RolloutExitCode.Failed;
                }

                await console.Delay(PollInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            bar.Finish();
            console.Output.WriteLine(StillRunning(accepted.OperationId));
            return RolloutExitCode.Interrupted;
        }
    }

    private static string StillRunning(string operationId)
    {
        var (id, route) = Where(operationId);
        return $"Đã dừng theo dõi; thao tác {id} vẫn chạy trên máy chủ, xem bằng {route} / " +
            $"Stopped watching; operation {id} goes on at the gateway: see {route}";
    }

    private static string NotFollowed(string operationId)
    {
        var (id, route) = Where(operationId);
        return $"Không theo dõi được thao tác {id}; xem lại sau bằng {route} / Could not follow operation {id}; check it later with {route}";
    }

    private static (string Id, string Route) Where(string operationId) =>
        (ProblemReport.Printable(operationId), $"GET /{RolloutClient.OperationRoute(operationId)}");

    private static int UsageError(RolloutConsole console, string? message, bool withUsage = false)
    {
        console.Error.WriteLine(message);
        if (withUsage)
        {
            console.Error.WriteLine();
            console.Error.WriteLine(RolloutArguments.Usage);
        }

        return RolloutExitCode.Usage;
    }

    private static void WriteLines(TextWriter writer, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }
    }
}
