using System.Diagnostics;

namespace Mallard.Engine.Tests;

/// <summary>
/// A session a host assembles without C#: Mallard.Engine.SqlHost (built beside these tests) runs one in a process of its
/// own and reports what happened, and which assemblies it loaded.
/// </summary>
public sealed class SqlOnlySessionTests
{
    private static Dictionary<string, string> RunHost()
    {
        var host = Path.Combine(AppContext.BaseDirectory, "Mallard.Engine.SqlHost.dll");
        Assert.True(File.Exists(host), $"the SQL-only host was not built beside the tests: {host}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "the SQL-only host did not finish");
        Assert.True(process.ExitCode == 0, $"the SQL-only host failed ({process.ExitCode}):\n{output.Result}{error.Result}");
        return output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimEnd('\r').Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }

    [Fact]
    public void A_sql_only_session_names_results_binds_host_variables_reports_progress_and_stops_without_loading_a_compiler()
    {
        var report = RunHost();

        Assert.Equal("Ok", report["named.status"]);
        Assert.Equal("DE|42", report["named.variable"]); // $country came from the host's variables; the result went back to them
        Assert.Equal("Ok text=True", report["frame_in_sql.status"]);
        Assert.StartsWith("SELECT count(*) FROM range(", report["progress.label"], StringComparison.Ordinal);
        Assert.Equal("True", report["progress.done"]);
        Assert.Equal("Cancelled kind=Interrupted", report["interrupted.status"]);
        Assert.Equal("Ok", report["after.status"]);
        Assert.Contains("runs no C#", report["csharp.status"], StringComparison.Ordinal);
        Assert.Equal("none", report["compilers"]);
        Assert.Equal("the host's", report["console"]);
        Assert.Equal("Mallard.Data,Mallard.Display,Mallard.DuckDb,Mallard.Engine,Mallard.Engine.SqlHost", report["mallard"]);
    }

    [Fact]
    public void The_engine_assembly_does_not_reference_a_compiler()
    {
        var references = typeof(Session).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }
}
