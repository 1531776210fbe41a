using System.Globalization;
using System.Text.Json;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace ProvincePlatform.Host.Tests.Pages;

/// <summary>One bar, column or point of a chart, as the page drew it: its data-label, data-series and data-value.</summary>
public sealed record DrawnMark(string Label, string Series, string Value);

/// <summary>One row of the rollout table.</summary>
public sealed record RolloutRow(string Code, string District, string Commune, string StageKey, string StageText, string Since, string HelpPoints);

/// <summary>
/// The dashboard page in the fixture's browser, as a person uses it: open it, type a key, sign in, pick dates; and
/// what the tests read back from the DOM. Waits are Selenium's <see cref="WebDriverWait"/> on what the page shows
/// (a chart's <c>data-ready</c>, the status line), never a fixed pause.
/// </summary>
public sealed class DashboardBrowser(ChromeDriver driver, Uri baseAddress)
{
    public static readonly string[] Charts = ["chart-rollout", "chart-weekly", "chart-utilisation"];

    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public ChromeDriver Driver => driver;

    /// <summary>Opens the page afresh in a tab that remembers no key, at the given viewport.</summary>
    public void Open(Viewport viewport)
    {
        viewport.Apply(driver);
        driver.Navigate().GoToUrl(new Uri(baseAddress, "/dashboard"));
        driver.ExecuteScript("sessionStorage.clear();");
        driver.Navigate().Refresh();
        Until(d => d.FindElement(By.Id("api-key")).Displayed, "the key form");
        // Reading the console empties it: what a test finds there afterwards is its own.
        _ = ConsoleErrors();
    }

    /// <summary>Types the key into the form and signs in.</summary>
    public void SignIn(string key)
    {
        var input = driver.FindElement(By.Id("api-key"));
        input.Clear();
        input.SendKeys(key);
        driver.FindElement(By.Id("sign-in")).Click();
    }

    /// <summary>Waits until the three charts are drawn and the table has its rows.</summary>
    public void WaitUntilDrawn()
    {
        Until(d => Charts.All(chart => d.FindElement(By.Id(chart)).GetDomAttribute("data-ready") == "true")
                   && d.FindElements(By.CssSelector("#rollout-table tbody tr")).Count > 0,
            "the charts and the table to be drawn");
    }

    /// <summary>Waits until the status line shows an error, and returns its text.</summary>
    public string WaitForError()
    {
        Until(d => d.FindElement(By.Id("status")).GetDomAttribute("data-kind") == "error", "an error in the status line");
        return Status;
    }

    /// <summary>Waits until the status line says the text (and the charts are drawn again), after a new range was asked for.</summary>
    public void WaitForFigures(string said)
    {
        Until(d => d.FindElement(By.Id("status")).Text.Contains(said, StringComparison.Ordinal), $"the status to say {said}");
        WaitUntilDrawn();
    }

    public string Status => driver.FindElement(By.Id("status")).Text;

    public bool KeyFormShown => driver.FindElement(By.Id("api-key")).Displayed;

    public void ForgetKey() => driver.FindElement(By.Id("sign-out")).Click();

    // What the page drew is read in one script each (a table of 234 communes is over a thousand cells, too many to
    // ask WebDriver for one by one); innerText is the text as shown, as WebDriver's Text would give it.

    public IReadOnlyList<DrawnMark> Marks(string chartId) => Read<List<DrawnMark>>(
        $$"""
        return JSON.stringify([...document.querySelectorAll("#{{chartId}} [data-series]")].map(mark => ({
            label: mark.dataset.label, series: mark.dataset.series, value: mark.dataset.value })));
        """);

    public IReadOnlyDictionary<string, RolloutRow> Rows() => Read<List<RolloutRow>>(
        """
        return JSON.stringify([...document.querySelectorAll("#rollout-table tbody tr")].map(row => ({
            code: row.dataset.commune, district: row.cells[0].innerText, commune: row.cells[2].innerText,
            stageKey: row.cells[3].dataset.stage, stageText: row.cells[3].innerText, since: row.cells[4].innerText,
            helpPoints: row.cells[5].innerText })));
        """).ToDictionary(row => row.Code, StringComparer.Ordinal);

    /// <summary>The codes of the table's rows that the filter leaves shown.</summary>
    public IReadOnlyList<string> ShownCommunes() => Read<List<string>>(
        """return JSON.stringify([...document.querySelectorAll("#rollout-table tbody tr:not([hidden])")].map(row => row.dataset.commune));""");

    /// <summary>The summary cards: figure name → the card's data-value.</summary>
    public IReadOnlyDictionary<string, string> Summary() => Read<Dictionary<string, string>>(
        """
        return JSON.stringify(Object.fromEntries([...document.querySelectorAll("#summary .card")].map(card =>
            [card.dataset.figure, card.querySelector("dd").dataset.value])));
        """);

    /// <summary>Replaces the filter's text as a person would: select all, delete, type.</summary>
    public void Filter(string text)
    {
        var filter = driver.FindElement(By.Id("rollout-filter"));
        filter.SendKeys(Keys.Control + "a");
        filter.SendKeys(Keys.Backspace);
        filter.SendKeys(text);
    }

    /// <summary>Types a date range (dd/MM/yyyy) and asks for it.</summary>
    public void AskForRange(DateOnly from, DateOnly to)
    {
        foreach (var (id, date) in new[] { ("from", from), ("to", to) })
        {
            var input = driver.FindElement(By.Id(id));
            input.Clear();
            input.SendKeys(Display(date));
        }

        driver.FindElement(By.Id("refresh")).Click();
    }

    public string Value(string id) => driver.FindElement(By.Id(id)).GetDomProperty("value") ?? "";

    public void Click(string id) => driver.FindElement(By.Id(id)).Click();

    /// <summary>Lets the browser save downloads, into a folder emptied first; returns the folder.</summary>
    public string AllowDownloads(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        Cdp(driver, "Browser.setDownloadBehavior", new Dictionary<string, object?> { ["behavior"] = "allow", ["downloadPath"] = folder });
        return folder;
    }

    /// <summary>Waits until the browser has saved the file (Chromium renames it from .crdownload when done) and reads it.</summary>
    public string WaitForDownload(string folder, string fileName)
    {
        var path = Path.Combine(folder, fileName);
        Until(_ => File.Exists(path), $"the download {fileName} (in the folder: {string.Join(", ", Directory.GetFiles(folder).Select(Path.GetFileName))})");
        return File.ReadAllText(path);
    }

    /// <summary>What the page keeps in the tab's sessionStorage, every key and value.</summary>
    public string SessionStorage() => Script<string>("return JSON.stringify(Object.entries(sessionStorage));");

    /// <summary>The left edges (CSS pixels) of the page's panels, in document order.</summary>
    public IReadOnlyList<int> PanelLefts() =>
        [.. driver.FindElements(By.CssSelector("main > .panel")).Select(panel => panel.Location.X)];

    /// <summary>Whether the page is wider than its viewport, so that a person would scroll sideways.</summary>
    public bool ScrollsSideways() =>
        Script<bool>("return document.documentElement.scrollWidth > document.documentElement.clientWidth;");

    /// <summary>Errors the browser logged: a script that failed, or anything the Content-Security-Policy blocked.</summary>
    public IReadOnlyList<string> ConsoleErrors() =>
        [.. driver.Manage().Logs.GetLog(LogType.Browser).Where(entry => entry.Level >= LogLevel.Severe).Select(entry => entry.Message)];

    /// <summary>Saves the whole page (not only the viewport) as a PNG and returns the file's path.</summary>
    public string SaveScreenshot(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var metrics = Cdp(driver, "Page.getLayoutMetrics", []);
        var content = metrics["cssContentSize"] as Dictionary<string, object?> ?? throw new InvalidOperationException("No cssContentSize.");
        var shot = Cdp(driver, "Page.captureScreenshot", new Dictionary<string, object?>
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new Dictionary<string, object?>
            {
                ["x"] = 0,
                ["y"] = 0,
                ["width"] = Convert.ToDouble(content["width"], CultureInfo.InvariantCulture),
                ["height"] = Convert.ToDouble(content["height"], CultureInfo.InvariantCulture),
                ["scale"] = 1,
            },
        });
        File.WriteAllBytes(path, Convert.FromBase64String(shot["data"] as string ?? throw new InvalidOperationException("No screenshot data.")));
        return path;
    }

    /// <summary>Runs a command of the DevTools protocol and returns its result.</summary>
    public static Dictionary<string, object?> Cdp(ChromeDriver driver, string command, Dictionary<string, object?> parameters) =>
        driver.ExecuteCdpCommand(command, parameters) as Dictionary<string, object?> ?? [];

    private T Read<T>(string script) =>
        JsonSerializer.Deserialize<T>(Script<string>(script), s_json) ?? throw new InvalidOperationException($"The page answered null to {script}");

    private T Script<T>(string script) =>
        driver.ExecuteScript(script) is T result ? result : throw new InvalidOperationException($"The page's answer to {script} is not a {typeof(T).Name}.");

    public static string Display(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private void Until(Func<IWebDriver, bool> condition, string what)
    {
        var wait = new WebDriverWait(driver, s_wait);
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        try
        {
            wait.Until(condition);
        }
        catch (WebDriverTimeoutException timeout)
        {
            throw new WebDriverTimeoutException($"Waited {s_wait.TotalSeconds} s for {what}; the status line said: {Status}", timeout);
        }
    }
}

/// <summary>
/// The size the page is laid out for. A desktop is the window's own size; a phone is emulated (width, touch, the
/// viewport meta tag honoured) through the DevTools protocol, since a headless window cannot be made that narrow.
/// </summary>
public sealed record Viewport(string Name, int Width, int Height, bool Mobile)
{
    public static Viewport Desktop { get; } = new("desktop", 1280, 900, Mobile: false);

    public static Viewport Phone { get; } = new("phone", 390, 844, Mobile: true);

    public void Apply(ChromeDriver driver)
    {
        if (Mobile)
        {
            DashboardBrowser.Cdp(driver, "Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
            {
                ["width"] = Width,
                ["height"] = Height,
                ["deviceScaleFactor"] = 1,
                ["mobile"] = true,
            });
        }
        else
        {
            DashboardBrowser.Cdp(driver, "Emulation.clearDeviceMetricsOverride", []);
            driver.Manage().Window.Size = new System.Drawing.Size(Width, Height);
        }
    }
}
