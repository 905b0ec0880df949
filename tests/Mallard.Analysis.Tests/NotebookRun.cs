namespace Mallard.Analysis.Tests;

/// <summary>One run of a notebook: the exit code, what the tool printed, and the executed notebook (and report) it wrote.</summary>
public sealed record NotebookRun(int ExitCode, string Log, string ExecutedPath, string? HtmlPath, string Warehouse)
{
    /// <summary>The executed notebook, after asserting the run succeeded and wrote it.</summary>
    public ExecutedNotebook Executed()
    {
        Assert.True(ExitCode == 0, $"The notebook run failed (exit {ExitCode}):\n{Log}");
        Assert.True(File.Exists(ExecutedPath), $"No executed notebook at {ExecutedPath}:\n{Log}");
        return ExecutedNotebook.Read(ExecutedPath);
    }
}
