using System.Diagnostics;

namespace Mallard.Tests;

/// <summary>Runs a program the tests need (Debian's python, dotnet) to its end, with empty standard input, within a limit.</summary>
internal static class ChildProcess
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string program, IReadOnlyDictionary<string, string> environment, TimeSpan limit, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Finish(start, limit);
    }

    /// <summary>
    /// Starts <paramref name="start"/> (its streams redirected), gives it <paramref name="stdin"/> (if any) and then the end
    /// of its input, and waits for it. One that outlives the limit is killed and fails the test with what it wrote and what
    /// <paramref name="describe"/> adds (a log, say).
    /// </summary>
    public static (int ExitCode, string Stdout, string Stderr) Finish(ProcessStartInfo start, TimeSpan limit, string? stdin = null, Func<string>? describe = null)
    {
        using var process = Process.Start(start)!;
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {limit.TotalSeconds} s.\n{stdout.Result}\n{stderr.Result}\n{describe?.Invoke()}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
