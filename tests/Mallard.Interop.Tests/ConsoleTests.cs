using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Mallard.Interop.Tests;

/// <summary><c>jupyter console</c> on the Mallard kernel, typed into a real terminal (tmux).</summary>
public sealed partial class ConsoleTests : IClassFixture<JupyterEnvironment>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly JupyterEnvironment _jupyter;
    private readonly string _socket = "mallard-console-" + Guid.NewGuid().ToString("N")[..8];

    public ConsoleTests(JupyterEnvironment jupyter)
    {
        _jupyter = jupyter;
    }

    [Fact]
    public void Jupyter_console_runs_CSharp_and_SQL_and_exits_cleanly()
    {
        Assert.True(File.Exists("/usr/bin/tmux"), "tmux is missing: install tmux.");
        Assert.True(File.Exists("/usr/bin/jupyter-console"), "jupyter console is missing: install jupyter-console.");
        var sql = Path.Combine(_jupyter.Root, "console-sql.txt");
        File.WriteAllText(sql, "#!sql\nSELECT 40 + 2 AS answer;");
        try
        {
            Tmux("new-session", "-d", "-s", "console", "-x", "160", "-y", "50",
                $"jupyter console --kernel {JupyterEnvironment.KernelName}; echo CONSOLE-EXITED $?; sleep 60");
            WaitFor("In [1]:");
            Tmux("send-keys", "-t", "console", "-l", "Console.WriteLine(\"hi from \" + \"the console\")\\;");
            Tmux("send-keys", "-t", "console", "Enter");
            WaitFor("In [2]:");
            Assert.Contains("hi from the console", Screen());

            // A SQL cell is two lines: pasted (as a terminal paste), then run with Enter.
            Tmux("load-buffer", "-b", "sql", sql);
            Tmux("paste-buffer", "-p", "-b", "sql", "-t", "console");
            WaitFor("SELECT 40 + 2 AS answer;");
            Tmux("send-keys", "-t", "console", "Enter");
            WaitFor("In [3]:");
            var screen = Screen();
            Assert.Matches(AnswerTable(), screen);

            Tmux("send-keys", "-t", "console", "C-d");
            WaitFor("exit");
            Tmux("send-keys", "-t", "console", "y", "Enter");
            WaitFor("CONSOLE-EXITED");
            Assert.Contains("CONSOLE-EXITED 0", Screen());
            Assert.DoesNotContain("Traceback", Screen());
            AssertKernelGone();
        }
        finally
        {
            RunTmux(["kill-server"], check: false);
        }
    }

    private void AssertKernelGone()
    {
        // The kernel logs its pid with every line; after the console exits that process must be gone.
        var pids = KernelPid().Matches(_jupyter.Log).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        Assert.NotEmpty(pids);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        foreach (var pid in pids)
        {
            while (IsRunning(pid) && DateTime.UtcNow < deadline) Thread.Sleep(100);
            Assert.False(IsRunning(pid), $"the kernel process {pid} outlived the console");
        }
    }

    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat)) return false;
        try
        {
            return File.ReadAllText(stat).Split(' ')[2] != "Z";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private string Screen() => RunTmux(["capture-pane", "-p", "-t", "console", "-S", "-200"], check: true);

    private void WaitFor(string text)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            if (Screen().Contains(text, StringComparison.Ordinal)) return;
            Thread.Sleep(200);
        }
        Assert.Fail($"'{text}' did not appear in the console within {Wait.TotalSeconds} s. Screen:\n{Screen()}\nkernel log:\n{_jupyter.Log}");
    }

    private void Tmux(params string[] args) => RunTmux(args, check: true);

    private string RunTmux(string[] args, bool check)
    {
        // A private tmux server, started from this process so it inherits the Jupyter environment.
        var start = new ProcessStartInfo("/usr/bin/tmux")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _jupyter.Root,
        };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in _jupyter.Variables) start.Environment[name] = value;
        start.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (check) Assert.True(process.ExitCode == 0, $"tmux {string.Join(' ', args)} failed: {stderr}");
        return stdout;
    }

    [GeneratedRegex(@"Out\[2\]:[\s\S]*answer[\s\S]*\b42\b")]
    private static partial Regex AnswerTable();

    [GeneratedRegex(@"\[(\d+)\] INFO Kernel ")]
    private static partial Regex KernelPid();
}
