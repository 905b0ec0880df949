using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Mallard.Benchmarks.Support;

/// <summary>
/// A long-lived Node process running <c>bench/node/materialize.mjs</c> with DuckDB's official Node client
/// (<c>@duckdb/node-api</c>), so a benchmark method can time one request to it with the same statistics as the
/// .NET methods. Installs the pinned package (<c>npm ci</c>) when <c>node_modules</c> is missing.
/// </summary>
public sealed class NodePeer : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private NodePeer(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_errors) _errors.AppendLine(e.Data);
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts the script on <paramref name="databasePath"/> and waits until it has opened the database.</summary>
    public static NodePeer Start(string databasePath, string sql)
    {
        var directory = FindScriptDirectory();
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "@duckdb", "node-api")))
            Run(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", ["ci", "--no-audit", "--no-fund"], directory);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("materialize.mjs");
        start.ArgumentList.Add(databasePath);
        start.ArgumentList.Add(sql);
        var peer = new NodePeer(Process.Start(start) ?? throw new InvalidOperationException("Could not start node."));
        peer.Expect("ready");
        return peer;
    }

    /// <summary>Asks for one full read; returns the row count the script reports.</summary>
    public long Run()
    {
        _process.StandardInput.WriteLine("run");
        _process.StandardInput.Flush();
        var answer = Expect("done ");
        return long.Parse(answer.AsSpan("done ".Length), CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.WriteLine("quit");
                _process.StandardInput.Flush();
                if (!_process.WaitForExit(5000)) _process.Kill(entireProcessTree: true);
            }
        }
        catch (IOException)
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    private string Expect(string prefix)
    {
        var line = _process.StandardOutput.ReadLine();
        if (line is not null && line.StartsWith(prefix, StringComparison.Ordinal)) return line;
        _process.WaitForExit(2000);
        string errors;
        lock (_errors) errors = _errors.ToString();
        throw new InvalidOperationException($"The node peer answered '{line ?? "(nothing: it exited)"}' instead of '{prefix.Trim()}'. Its error output:{Environment.NewLine}{errors}");
    }

    /// <summary><c>bench/node</c>: <c>MALLARD_BENCH_NODE_DIR</c>, or found walking up from the benchmark's binaries or the working directory.</summary>
    private static string FindScriptDirectory()
    {
        if (Environment.GetEnvironmentVariable("MALLARD_BENCH_NODE_DIR") is { Length: > 0 } configured) return configured;
        foreach (var start in (string[])[AppContext.BaseDirectory, Environment.CurrentDirectory])
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "bench", "node");
                if (File.Exists(Path.Combine(candidate, "materialize.mjs"))) return candidate;
            }
        }
        throw new InvalidOperationException("Could not find bench/node/materialize.mjs above the benchmark's binaries; set MALLARD_BENCH_NODE_DIR.");
    }

    private static void Run(string fileName, string[] arguments, string directory)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = directory, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' in bench/node failed with exit code {process.ExitCode}.");
    }
}
