using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Mallard.Analysis.Tests;

/// <summary>A real headless Chromium driven through ChromeDriver, with its console log kept.</summary>
internal static class Chromium
{
    public static ChromeDriver Start(string root)
    {
        var chromium = Find("MALLARD_CHROMIUM", "chromium", "chromium-browser", "google-chrome");
        var driver = Find("MALLARD_CHROMEDRIVER", "chromedriver");
        Assert.True(chromium is not null && driver is not null,
            "The report tests need Chromium and ChromeDriver on PATH (Debian: apt-get install chromium chromium-driver), or MALLARD_CHROMIUM and MALLARD_CHROMEDRIVER set to them.");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = chromium };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
            "--user-data-dir=" + Path.Combine(root, "chromium-" + Guid.NewGuid().ToString("N")));
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var browser = new ChromeDriver(service, options, TimeSpan.FromSeconds(120));
        browser.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(60);
        return browser;
    }

    private static string? Find(string variable, params string[] names)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } given) return File.Exists(given) ? given : null;
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }
}
