using System.Diagnostics;

namespace Mallard.Notebooks.Tests;

/// <summary>
/// Debian's Jupyter Python packages, run through <c>/usr/bin/python3</c> (the first python3 on PATH may be
/// another one without them). When they are missing a test fails saying what to install.
/// </summary>
internal static class Jupyter
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Checks the notebook at <paramref name="path"/> against nbformat's JSON schema; fails the test with nbformat's message.</summary>
    public static void Validate(string path)
    {
        var (exit, _, stderr) = Run(
            "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('ok')", path);
        Assert.True(exit == 0, $"nbformat says {path} is not a valid notebook:\n{stderr}");
    }

    /// <summary>Runs a Python script with arguments; returns its exit code and output.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string script, params string[] args)
    {
        if (!File.Exists(Python))
        {
            Assert.Fail($"These tests need {Python} with nbformat and nbclient (Debian: apt-get install python3-nbformat python3-nbclient python3-ipykernel; .ci/run does this).");
        }
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["PYDEVD_DISABLE_FILE_VALIDATION"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("Python did not finish within 2 minutes.");
        }
        if (stderr.Result.Contains("No module named", StringComparison.Ordinal))
        {
            Assert.Fail($"{Python} lacks a Jupyter package: {stderr.Result.Trim()}. Install python3-nbformat, python3-nbclient and python3-ipykernel (Debian).");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>A fresh directory for one test's files, under the test output.</summary>
    public static string ScratchDirectory(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "scratch", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }
}
