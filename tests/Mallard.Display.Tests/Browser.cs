using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Mallard.Display.Tests;

/// <summary>
/// A real headless Chromium (Debian's <c>chromium</c> and <c>chromium-driver</c>) driven through
/// Selenium, started once for a test class. When either is missing the tests fail and say what to
/// install: a browser test that quietly skips would pass on a machine that checks nothing.
/// Pages and screenshots are kept under the test output's <c>artifacts/browser</c>.
/// </summary>
public sealed class Browser : IDisposable
{
    private readonly ChromeDriverService _service;

    public Browser()
    {
        var chromium = Find("MALLARD_CHROMIUM", "chromium", "chromium-browser", "google-chrome");
        var driver = Find("MALLARD_CHROMEDRIVER", "chromedriver");
        if (chromium is null || driver is null)
        {
            throw new InvalidOperationException(
                "The browser tests need Chromium and its WebDriver, and " +
                (chromium is null ? "no chromium" : "no chromedriver") + " was found on PATH. " +
                "Install them (Debian: apt-get install chromium chromium-driver; .ci/run does this), " +
                "or set MALLARD_CHROMIUM and MALLARD_CHROMEDRIVER to their paths.");
        }

        ArtifactDirectory = Path.Combine(AppContext.BaseDirectory, "artifacts", "browser");
        Directory.CreateDirectory(ArtifactDirectory);
        _profile = TestDirectories.Create("mallard-chromium-");

        _service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        _service.SuppressInitialDiagnosticInformation = true;
        _service.HideCommandPromptWindow = true;
        Driver = Start(chromium, scripts: true);
    }

    private readonly string _profile;
    private ChromeDriver? _noScripts;

    public ChromeDriver Driver { get; }

    public string ArtifactDirectory { get; }

    /// <summary>A second browser with JavaScript turned off, started on first use.</summary>
    public ChromeDriver WithoutScripts => _noScripts ??= Start(Find("MALLARD_CHROMIUM", "chromium", "chromium-browser", "google-chrome")!, scripts: false);

    /// <summary>Writes a page into the artifacts and opens it.</summary>
    public void Open(IWebDriver driver, string fileName, string html)
    {
        var path = Path.Combine(ArtifactDirectory, fileName);
        File.WriteAllText(path, html);
        driver.Navigate().GoToUrl(new Uri(path).AbsoluteUri);
    }

    public static string Page(string title, string body) =>
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head>\n<body style=\"margin:16px;font-family:sans-serif\">\n" + body + "\n</body></html>\n";

    public void Screenshot(ITakesScreenshot target, string name) =>
        target.GetScreenshot().SaveAsFile(Path.Combine(ArtifactDirectory, name + ".png"));

    public static void WaitFor(IWebDriver driver, Func<IWebDriver, bool> condition, string what)
    {
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(30));
        try
        {
            wait.Until(condition);
        }
        catch (WebDriverTimeoutException)
        {
            var logs = string.Join("\n", ((IJavaScriptExecutor)driver).ExecuteScript("return (window.__errors||[]).join('\\n')") as string ?? "");
            throw new Xunit.Sdk.XunitException($"Timed out after 30 s waiting for {what}. Page errors: {logs}");
        }
    }

    public void Dispose()
    {
        _noScripts?.Quit();
        Driver.Quit();
        _service.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be writing its profile as it exits; the directory is temporary.
        }
    }

    private ChromeDriver Start(string chromium, bool scripts)
    {
        var options = new ChromeOptions { BinaryLocation = chromium };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--allow-file-access-from-files", "--window-size=1280,1000",
            "--user-data-dir=" + Path.Combine(_profile, scripts ? "a" : "b"));
        if (!scripts) options.AddUserProfilePreference("profile.managed_default_content_settings.javascript", 2);
        var driver = new ChromeDriver(_service, options, TimeSpan.FromSeconds(120));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(60);
        return driver;
    }

    private static string? Find(string variable, params string[] names)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } given) return File.Exists(given) ? given : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }
}
