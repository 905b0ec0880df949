using System.Diagnostics;
using Mallard.Warehouse;

namespace Mallard.Repl.Tests;

/// <summary>
/// A real terminal: tmux runs <c>mallard repl</c> on a private server; tests type with <c>send-keys</c> and read the
/// screen with <c>capture-pane</c>. Each instance has its own socket, history directory and working directory.
/// </summary>
internal sealed class Tmux : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _socket = "mallard-repl-tests-" + Guid.NewGuid().ToString("N")[..12];
    private const string Session = "repl";
    private const string ExitMarker = "mallard repl exited with code ";

    public Tmux(string dataHome, params string[] replArgs)
        : this(dataHome, new Dictionary<string, string>(), replArgs)
    {
    }

    /// <summary>A REPL with more environment variables than the data directory and the absent warehouse.</summary>
    public Tmux(string dataHome, IReadOnlyDictionary<string, string> environment, params string[] replArgs)
    {
        DataHome = dataHome;
        var dll = Path.Combine(AppContext.BaseDirectory, "mallard.dll");
        Assert.True(File.Exists(dll), $"The mallard command was not built beside the tests ({dll}).");
        // The shell reports the exit code on the screen: tmux's own pane_dead_status comes back empty for this process.
        // A test host may start with SIGINT ignored, which children inherit and .NET then leaves ignored: give the REPL the
        // default disposition, as a shell in a real terminal would.
        var command = "env --default-signal=INT dotnet " + Quote(dll) + " repl " + string.Join(' ', replArgs.Select(Quote)) + "; echo \"" + ExitMarker + "$?\"";
        Run([
            "new-session", "-d", "-s", Session, "-x", "110", "-y", "40",
            "-e", "XDG_DATA_HOME=" + dataHome,
            "-e", WarehouseLocation.EnvironmentVariable + "=" + Path.Combine(dataHome, "no-warehouse.duckdb"),
            "-e", "NO_COLOR=",
            .. environment.SelectMany(v => new[] { "-e", v.Key + "=" + v.Value }),
            command,
        ]);
        Run("set-option", "-t", Session, "remain-on-exit", "on");
    }

    public string DataHome { get; }

    /// <summary>Starts a fresh REPL with its own data directory.</summary>
    public static Tmux Start(params string[] replArgs) => new(TestDirectories.Create("mallard-repl-tmux-"), replArgs);

    /// <summary>Types text literally (no key names), without Enter.</summary>
    /// <remarks>tmux reads an argument that ends in ';' as the end of its command: that one ';' is escaped.</remarks>
    public void Type(string text) => Run("send-keys", "-t", Session, "-l", text.EndsWith(';') ? text[..^1] + "\\;" : text);

    /// <summary>Presses keys by tmux name: Enter, Tab, Up, C-c, C-d, C-r.</summary>
    public void Press(params string[] keys) => Run(["send-keys", "-t", Session, .. keys]);

    /// <summary>Types a line and presses Enter.</summary>
    public void Line(string text)
    {
        Type(text);
        Press("Enter");
    }

    public string Screen() => Run("capture-pane", "-p", "-t", Session);

    /// <summary>The screen with its colours, as escape sequences.</summary>
    public string ColouredScreen() => Run("capture-pane", "-p", "-e", "-t", Session);

    /// <summary>Waits until the screen satisfies <paramref name="condition"/>; fails with the screen when it does not.</summary>
    public string WaitFor(Func<string, bool> condition, string what, TimeSpan? limit = null)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var screen = Screen();
            if (condition(screen)) return screen;
            if (stopwatch.Elapsed > (limit ?? Patience)) Assert.Fail($"Waited {(limit ?? Patience).TotalSeconds:0.#} s for {what}; the screen:\n{screen}");
            Thread.Sleep(100);
        }
    }

    public string WaitFor(string text, TimeSpan? limit = null) => WaitFor(s => s.Contains(text, StringComparison.Ordinal), $"'{text}'", limit);

    /// <summary>The screen's last non-blank line (where the prompt is).</summary>
    public static string LastLine(string screen) => screen.Split('\n').Select(l => l.TrimEnd()).LastOrDefault(l => l.Length > 0) ?? "";

    /// <summary>Null while the REPL runs, else its exit code.</summary>
    public int? ExitCode()
    {
        var screen = Screen();
        var at = screen.LastIndexOf(ExitMarker, StringComparison.Ordinal);
        if (at < 0) return null;
        var digits = new string([.. screen[(at + ExitMarker.Length)..].TakeWhile(char.IsDigit)]);
        return digits.Length == 0 ? null : int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
    }

    private string Run(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var a in args) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"These tests drive a real terminal through tmux, which is not installed ({e.Message}): apt-get install tmux.");
            throw;
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEnd();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"tmux {string.Join(' ', args)} failed: {stderr}");
            return stdout;
        }
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public void Dispose()
    {
        try
        {
            Run("kill-server");
        }
        catch (Xunit.Sdk.XunitException)
        {
            // The server is gone already.
        }
    }
}
