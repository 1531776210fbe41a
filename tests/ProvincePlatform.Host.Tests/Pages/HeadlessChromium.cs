using System.Diagnostics;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using ProvincePlatform.Host.Tests.Support;

namespace ProvincePlatform.Host.Tests.Pages;

/// <summary>
/// Debian's Chromium and its WebDriver (packages <c>chromium</c> and <c>chromium-driver</c>), started headless through
/// Selenium with both paths given, so that Selenium Manager never looks for (or downloads) a browser of its own. Where
/// they are missing, a root test process installs them once with <c>deploy/scripts/ensure-chromium.sh</c>, as the
/// PostgreSQL and promtool tests install theirs, so <c>dotnet test</c> alone works on a fresh machine; otherwise the
/// test fails saying how to install them.
/// </summary>
public static class HeadlessChromium
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverDirectory = "/usr/bin";
    public const string DriverFile = "chromedriver";

    private static readonly TimeSpan s_installDeadline = TimeSpan.FromMinutes(10);

    /// <summary>One install attempt per test process, however many fixtures ask at once.</summary>
    private static readonly Lazy<Task> s_installed = new(EnsureInstalledAsync);

    private static bool IsInstalled => File.Exists(BrowserPath) && File.Exists(Path.Combine(DriverDirectory, DriverFile));

    /// <summary>Starts a headless browser with a window of the given size in CSS pixels.</summary>
    public static async Task<ChromeDriver> StartAsync(int width, int height)
    {
        await s_installed.Value;
        var service = ChromeDriverService.CreateDefaultService(DriverDirectory, DriverFile);
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments(
            "--headless=new",
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--hide-scrollbars",
            $"--window-size={width},{height}");
        // The console is read by the tests: a script error or anything the Content-Security-Policy blocks shows there.
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    private static async Task EnsureInstalledAsync()
    {
        if (IsInstalled)
        {
            return;
        }

        var script = Path.Combine(RepositoryFolder.Root, "deploy", "scripts", "ensure-chromium.sh");
        if (Environment.IsPrivilegedProcess)
        {
            var start = new ProcessStartInfo("bash")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(script);
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{script} did not start.");
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(s_installDeadline);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{script} did not finish within {s_installDeadline}.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{script} exited with {process.ExitCode}:\n{await output}{await error}");
            }
        }

        if (!IsInstalled)
        {
            throw new InvalidOperationException(
                $"Chromium is not installed: {BrowserPath} or {DriverDirectory}/{DriverFile} is missing. Install the Debian "
                + $"packages chromium and chromium-driver (`apt-get install --no-install-recommends chromium chromium-driver`, "
                + $"which {script} does).");
        }
    }
}
