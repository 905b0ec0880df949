using System.Diagnostics;
using Mallard.Warehouse;

namespace Mallard.Tests;

/// <summary>
/// Runs the built <c>mallard</c> command as a separate process, as a user would. Shared by the test projects
/// that reference Mallard.Cli (linked into each). The default warehouse location is never touched by tests.
/// </summary>
internal static class MallardProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

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
        start.Environment[WarehouseLocation.EnvironmentVariable] = Path.Combine(Path.GetTempPath(), "mallard-tests", "must-not-be-used.duckdb");
        return start;
    }

    /// <summary>Runs mallard with empty standard input.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args) => RunWithInput(null, args);

    /// <summary>Runs mallard with <paramref name="stdin"/> (if any) on its standard input.</summary>
    public static (int ExitCode, string Stdout, string Stderr) RunWithInput(string? stdin, params string[] args) =>
        ChildProcess.Finish(StartInfo(args), Limit, stdin);
}
