using System.Diagnostics;

namespace Mallard.Warehouse.Tests;

/// <summary>Runs the built <c>mallard</c> command as a separate process, as a user would.</summary>
internal static class MallardProcess
{
    public static ProcessStartInfo StartInfo(params string[] args)
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
        // The default warehouse location must never be touched by tests.
        start.Environment[WarehouseLocation.EnvironmentVariable] = Path.Combine(Path.GetTempPath(), "mallard-warehouse-tests", "must-not-be-used.duckdb");
        return start;
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("mallard did not finish within two minutes.");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
