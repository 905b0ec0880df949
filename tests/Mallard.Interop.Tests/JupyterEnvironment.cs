using System.Diagnostics;

namespace Mallard.Interop.Tests;

/// <summary>
/// A private Jupyter data directory with the built mallard installed as a kernel (through
/// <c>mallard kernel install --prefix</c>), and runners for Debian's Jupyter tools pointed at it.
/// The kernel logs to a file here, and never sees the default warehouse.
/// </summary>
public sealed class JupyterEnvironment : IDisposable
{
    public const string Python = "/usr/bin/python3";
    public const string KernelName = "mallard-test";

    public JupyterEnvironment()
    {
        Root = TestDirectories.Create("mallard-interop-");
        Assert.True(File.Exists(Python), $"{Python} is missing: install python3 with python3-jupyter-client, python3-nbclient, python3-nbconvert and jupyter-console.");
        var (code, stdout, stderr) = MallardProcess.Run("kernel", "install", "--prefix", Root, "--name", KernelName, "--display-name", "Mallard (tests)");
        Assert.True(code == 0, $"mallard kernel install failed: {stdout}{stderr}");
        KernelDirectory = Path.Combine(Root, "share", "jupyter", "kernels", KernelName);
        Assert.True(File.Exists(Path.Combine(KernelDirectory, "kernel.json")), stdout);
    }

    public string Root { get; }

    public string KernelDirectory { get; }

    public string LogPath => Path.Combine(Root, "kernel.log");

    public string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "(no kernel log)";

    /// <summary>The environment every Jupyter tool runs with.</summary>
    public IReadOnlyDictionary<string, string> Variables => new Dictionary<string, string>
    {
        ["JUPYTER_PATH"] = Path.Combine(Root, "share", "jupyter"),
        ["JUPYTER_DATA_DIR"] = Path.Combine(Root, "data"),
        ["JUPYTER_RUNTIME_DIR"] = Path.Combine(Root, "runtime"),
        ["JUPYTER_CONFIG_DIR"] = Path.Combine(Root, "config"),
        ["IPYTHONDIR"] = Path.Combine(Root, "ipython"),
        ["MALLARD_KERNEL_LOG"] = LogPath,
        ["MALLARD_WAREHOUSE"] = Path.Combine(Root, "no-warehouse.duckdb"),
        ["PYTHONDONTWRITEBYTECODE"] = "1",
    };

    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "python", name);

    /// <summary>Fails with what to install when a Python module is missing.</summary>
    public void RequireModules(params string[] modules)
    {
        foreach (var module in modules)
        {
            var (code, _, error) = Run(Python, TimeSpan.FromSeconds(60), "-c", $"import {module}");
            Assert.True(code == 0, $"{Python} cannot import {module}: install python3-jupyter-client, python3-nbclient, python3-nbconvert, python3-nbformat and jupyter-console. {error}");
        }
    }

    public (int ExitCode, string Stdout, string Stderr) Run(string program, TimeSpan limit, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Root,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in Variables) start.Environment[name] = value;
        return ChildProcess.Finish(start, limit, describe: () => Log);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A kernel still writing its log; the temp directory is cleaned up later.
        }
    }
}
