using System.Diagnostics;

namespace Mallard.DuckDb.Tests;

/// <summary>Runs Mallard.DuckDb.TestHost (built beside the tests) as a second process.</summary>
internal static class TestHost
{
    public static Process Start(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "Mallard.DuckDb.TestHost.dll");
        Assert.True(File.Exists(host), $"the test host was not built beside the tests: {host}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the test host");
    }

    /// <summary>Runs the host to the end; returns its exit code and standard output.</summary>
    public static (int ExitCode, string Output) Run(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        using var process = Start(environment, arguments);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the test host did not finish");
        return (process.ExitCode, output.GetAwaiter().GetResult() + error.GetAwaiter().GetResult());
    }
}

/// <summary>A database file in the temporary directory, deleted (with its WAL) afterwards.</summary>
internal sealed class TemporaryDatabaseFile : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mallard-test-{Guid.NewGuid():N}.duckdb");

    public void Dispose()
    {
        foreach (var file in new[] { Path, Path + ".wal" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Best effort: a file still open elsewhere is left to the temp cleaner.
            }
        }
    }
}
