using System.Diagnostics;

namespace Mallard.Jupyter.Tests;

/// <summary>Runs Debian's Python (/usr/bin/python3, the one with pyzmq and jupyter_client) on a script beside the tests.</summary>
internal static class PythonRunner
{
    public const string Python = "/usr/bin/python3";

    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "python", name);

    /// <summary>Fails with what to install when Python or one of <paramref name="modules"/> is missing.</summary>
    public static void Require(params string[] modules)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: install python3 (apt-get install python3 python3-zmq python3-jupyter-client).");
        foreach (var module in modules)
        {
            var (code, _, error) = Run(TimeSpan.FromSeconds(30), "-c", $"import {module}");
            Assert.True(code == 0, $"{Python} cannot import {module}: install its Debian package (python3-zmq, python3-jupyter-client). {error}");
        }
    }

    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(TimeSpan limit, params string[] args)
    {
        using var process = Start(args);
        return Finish(process, limit);
    }

    public static (int ExitCode, string Stdout, string Stderr) Finish(Process process, TimeSpan limit)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"python did not finish within {limit.TotalSeconds} s. stdout: {stdout.Result} stderr: {stderr.Result}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
