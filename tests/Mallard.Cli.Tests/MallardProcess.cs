using System.Diagnostics;

namespace Mallard.Cli.Tests;

/// <summary>Runs the built <c>mallard</c> command as a separate process, as a user would.</summary>
internal static class MallardProcess
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string? stdin, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "mallard.dll");
        Assert.True(File.Exists(dll), $"The mallard command was not built beside the tests ({dll}).");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("mallard did not finish within a minute.");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
