using System.Diagnostics;
using System.Text;

namespace Mallard.Benchmarks.Support;

/// <summary>
/// <c>bench/jupyter/kernel_bench.py --serve</c> under Debian's Python: it starts the Mallard kernel and
/// ipykernel, then runs one trivial cell per request with jupyter_client, so a benchmark method times one
/// round trip (execute_request to execute_reply plus IOPub idle) of either kernel through the same client code.
/// </summary>
public sealed class JupyterPeer : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private JupyterPeer(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_errors) _errors.AppendLine(e.Data);
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts both kernels (the Release build of mallard) and waits until both answered kernel_info.</summary>
    public static JupyterPeer Start()
    {
        var repository = FindRepository();
        var mallard = Environment.GetEnvironmentVariable("MALLARD_BENCH_MALLARD");
        if (string.IsNullOrEmpty(mallard))
        {
            var dll = Path.Combine(repository, "src", "Mallard.Cli", "bin", "Release", "net10.0", "mallard.dll");
            if (!File.Exists(dll)) Run("dotnet", ["build", "-c", "Release", Path.Combine(repository, "src", "Mallard.Cli")], repository);
            var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
            mallard = $"\"{host}\" \"{dll}\"";
        }
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(repository, "bench", "jupyter", "kernel_bench.py"));
        start.ArgumentList.Add("--serve");
        start.ArgumentList.Add("--mallard");
        start.ArgumentList.Add(mallard);
        var peer = new JupyterPeer(Process.Start(start) ?? throw new InvalidOperationException("Could not start /usr/bin/python3."));
        peer.Expect("ready");
        return peer;
    }

    /// <summary>Runs one cell: "python" on ipykernel, "sql" or "csharp" on Mallard.</summary>
    public void Run(string cell)
    {
        _process.StandardInput.WriteLine(cell);
        _process.StandardInput.Flush();
        Expect("ok");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.WriteLine("quit");
                _process.StandardInput.Flush();
                if (!_process.WaitForExit(15000)) _process.Kill(entireProcessTree: true);
            }
        }
        catch (IOException)
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    private void Expect(string prefix)
    {
        var line = _process.StandardOutput.ReadLine();
        if (line is not null && line.StartsWith(prefix, StringComparison.Ordinal)) return;
        _process.WaitForExit(2000);
        string errors;
        lock (_errors) errors = _errors.ToString();
        throw new InvalidOperationException($"The Jupyter driver answered '{line ?? "(nothing: it exited)"}' instead of '{prefix}'. It needs Debian's python3-jupyter-client and python3-ipykernel. Its error output:{Environment.NewLine}{errors}");
    }

    private static string FindRepository()
    {
        foreach (var start in (string[])[AppContext.BaseDirectory, Environment.CurrentDirectory])
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "bench", "jupyter", "kernel_bench.py"))) return directory.FullName;
            }
        }
        throw new InvalidOperationException("Could not find bench/jupyter/kernel_bench.py above the benchmark's binaries or the working directory.");
    }

    private static void Run(string fileName, string[] arguments, string directory)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = directory, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}.");
    }
}
