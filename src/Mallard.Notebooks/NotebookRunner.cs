using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Mallard.Engine;
using Mallard.Notebooks.Internal;

namespace Mallard.Notebooks;

/// <summary>
/// Runs a notebook headless in one <see cref="Session"/>, cell by cell, as Jupyter's nbclient would: outputs
/// are recorded as nbformat outputs (progress is not; a display update replaces the output it updates),
/// code cells get execution counts from 1, and each cell's metadata gets Jupyter's <c>execution</c> timings
/// (<c>iopub.status.busy</c>, <c>iopub.execute_input</c>, <c>shell.execute_reply</c>, <c>iopub.status.idle</c>,
/// UTC ISO 8601). The run itself is recorded in <c>metadata.mallard.run</c> (start and end time, duration,
/// parameters). Empty code cells are skipped. Parameters are injected papermill-style (see
/// <see cref="NotebookParameters"/>).
/// </summary>
/// <remarks>
/// The session resolves <c>#load</c>, <c>#r</c> and paths in magics against the notebook's folder. C# file
/// access and SQL such as <c>FROM 'data.csv'</c> resolve against the process's current directory, which the
/// runner does not change (it is shared by the whole process); <c>mallard run</c> sets it to the notebook's
/// folder for the run, as Jupyter starts kernels there.
/// </remarks>
public sealed class NotebookRunner(NotebookRunOptions? options = null)
{
    /// <summary>The options the runner uses.</summary>
    public NotebookRunOptions Options { get; } = options ?? NotebookRunOptions.Default;

    /// <summary>
    /// Runs <paramref name="notebook"/> in place (its outputs are replaced) and returns the result. Relative
    /// paths in the notebook resolve against the folder of <paramref name="notebookPath"/> when given.
    /// Throws <see cref="NotebookParameterException"/> before running anything when a parameter cannot be injected.
    /// </summary>
    public async Task<NotebookRunResult> RunAsync(Notebook notebook, string? notebookPath = null, IProgress<NotebookCellRun>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        notebook.UpgradeToCellIds();
        IReadOnlyList<(string Name, string Literal)> literals = [];
        if (Options.Parameters.Count > 0) (_, literals) = NotebookParameters.Inject(notebook, Options.Parameters);
        notebook.UpgradeToCellIds();

        foreach (var cell in notebook.Cells.Where(c => c.CellType == NotebookCellType.Code))
        {
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
            cell.Metadata.Remove("execution");
        }

        var sessionOptions = Options.Session;
        if (notebookPath is not null)
            sessionOptions = sessionOptions with { WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(notebookPath)) };

        var started = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        var failures = new List<(int, CellError)>();
        var displays = new Dictionary<string, List<DisplayDataOutput>>(StringComparer.Ordinal);
        var count = 0;
        var stopped = false;
        var session = new Session(sessionOptions);
        var abandoned = false;
        try
        {
            // The compiler starts before the first C# cell, so that a cell's time (and its --timeout) is its own.
            if (notebook.Cells.Any(c => c.CellType == NotebookCellType.Code && MayBeCSharp(c))) await session.WarmUpAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < notebook.Cells.Count && !stopped; i++)
            {
                var cell = notebook.Cells[i];
                if (cell.CellType != NotebookCellType.Code || cell.Source.Trim().Length == 0) continue;
                cancellationToken.ThrowIfCancellationRequested();
                count++;
                cell.ExecutionCount = count;
                progress?.Report(new NotebookCellRun(i, notebook.Cells.Count, cell, null));

                var (outcome, gaveUp) = await RunCellAsync(session, cell, count, displays, cancellationToken).ConfigureAwait(false);
                abandoned |= gaveUp;
                progress?.Report(new NotebookCellRun(i, notebook.Cells.Count, cell, outcome));
                if (outcome.Succeeded) continue;
                failures.Add((i, outcome.Error!));
                if (!Options.AllowErrors || gaveUp || cancellationToken.IsCancellationRequested) stopped = true;
            }
        }
        finally
        {
            // A cell that never stopped still holds the session; leave it to the process's end.
            if (!abandoned) await session.DisposeAsync().ConfigureAwait(false);
        }

        var ended = DateTimeOffset.UtcNow;
        var run = new JsonObject
        {
            ["start_time"] = Timestamp(started),
            ["end_time"] = Timestamp(ended),
            ["duration_seconds"] = Math.Round(stopwatch.Elapsed.TotalSeconds, 3),
            ["parameters"] = new JsonObject([.. literals.Select(l => KeyValuePair.Create(l.Name, (JsonNode?)JsonValue.Create(l.Literal)))]),
            ["status"] = failures.Count == 0 ? "ok" : "failed",
        };
        if (notebook.Metadata["mallard"] is not JsonObject mallard) notebook.Metadata["mallard"] = mallard = [];
        mallard["run"] = run;
        return new NotebookRunResult(notebook, failures, stopped && failures.Count > 0, count, stopwatch.Elapsed);
    }

    /// <summary>
    /// The kernel Polyglot Notebooks recorded for a cell of an <c>.ipynb</c> it wrote (its text then has no magic line), or null:
    /// <c>metadata.polyglot_notebook.kernelName</c>, or the older <c>metadata.dotnet_interactive.language</c>.
    /// </summary>
    /// <summary>Whether a cell may run C#: it does not open with a magic of another language (a guess that errs towards yes).</summary>
    private static bool MayBeCSharp(NotebookCell cell)
    {
        if (PolyglotKernel(cell) is { } kernel && kernel is not ("csharp" or "C#" or "c#")) return false;
        var first = cell.Source.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
        return !(first.StartsWith("#!", StringComparison.Ordinal) || first.StartsWith("%%", StringComparison.Ordinal)) || first.StartsWith("#!csharp", StringComparison.Ordinal);
    }

    internal static string? PolyglotKernel(NotebookCell cell) =>
        (cell.Metadata["polyglot_notebook"]?["kernelName"] ?? cell.Metadata["dotnet_interactive"]?["language"]) is System.Text.Json.Nodes.JsonValue value
        && value.TryGetValue(out string? kernel) && kernel.Length > 0
            ? kernel
            : null;

    private async Task<(CellOutcome Outcome, bool GaveUp)> RunCellAsync(
        Session session, NotebookCell cell, int count, Dictionary<string, List<DisplayDataOutput>> displays, CancellationToken cancellationToken)
    {
        var recorder = new CellRecorder(cell, count, displays);
        var busy = DateTimeOffset.UtcNow;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (Options.CellTimeout is { } limit) timeout.CancelAfter(limit);
        using var interrupt = timeout.Token.Register(session.Interrupt);

        // On the pool: a cell's synchronous start (C# that blocks before its first await) must not block the wait below.
        var task = Task.Run(() => session.ExecuteAsKernelAsync(cell.Source, PolyglotKernel(cell), recorder, CancellationToken.None), CancellationToken.None);
        CellOutcome outcome;
        var gaveUp = false;
        if (Options.CellTimeout is null && !cancellationToken.CanBeCanceled)
        {
            outcome = await task.ConfigureAwait(false);
        }
        else
        {
            // Wait for the cell; once it has been interrupted, wait only the grace period more.
            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (timeout.Token.Register(() => stop.TrySetResult()))
                await Task.WhenAny(task, stop.Task).ConfigureAwait(false);
            if (!task.IsCompleted) await Task.WhenAny(task, Task.Delay(Options.InterruptGrace, CancellationToken.None)).ConfigureAwait(false);
            if (task.IsCompleted)
            {
                outcome = await task.ConfigureAwait(false);
            }
            else
            {
                gaveUp = true;
                outcome = new CellOutcome(CellStatus.Cancelled, new CellError(CellErrorKind.Interrupted, "Interrupted", "", []), DateTimeOffset.UtcNow - busy);
            }
        }

        // Over its limit, a cell fails as timed out whatever its code did: also when it ignored the interrupt and ended well.
        var timedOut = timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested
            && (!outcome.Succeeded || outcome.Elapsed >= Options.CellTimeout);
        if (timedOut && Options.CellTimeout is { } t)
        {
            var seconds = t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            var took = outcome.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
            var message = gaveUp
                ? $"The cell ran longer than the timeout of {seconds} s and did not stop when interrupted; the run was abandoned."
                : outcome.Succeeded
                    ? $"The cell ran longer than the timeout of {seconds} s: it did not stop when interrupted and ended after {took} s."
                    : $"The cell ran longer than the timeout of {seconds} s and was interrupted.";
            outcome = outcome with { Status = CellStatus.Error, Error = new CellError(CellErrorKind.Interrupted, "CellTimeout", message, [message]) };
        }
        else if (gaveUp)
        {
            const string message = "The run was cancelled and the cell did not stop when interrupted.";
            outcome = outcome with { Error = new CellError(CellErrorKind.Interrupted, "Interrupted", message, [message]) };
        }

        var error = outcome.Error is { } e
            ? new ErrorOutput(e.Name, e.Message, e.Traceback.Count > 0 ? e.Traceback : [e.Name + ": " + e.Message])
            : null;
        recorder.Close(outcome.Succeeded ? null : error);
        var end = busy + outcome.Elapsed;
        cell.Metadata["execution"] = new JsonObject
        {
            ["iopub.execute_input"] = Timestamp(busy),
            ["iopub.status.busy"] = Timestamp(busy),
            ["iopub.status.idle"] = Timestamp(end),
            ["shell.execute_reply"] = Timestamp(end),
        };
        return (outcome, gaveUp);
    }

    /// <summary>"cell 4 (SELECT * FROM nope)": a cell named by its 1-based position and first line.</summary>
    public static string DescribeCell(int index, NotebookCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var first = cell.FirstLine;
        // A magic line says little: name the line after it too ("#!sql: SELECT ...").
        if (first.StartsWith("#!", StringComparison.Ordinal) || first.StartsWith("%%", StringComparison.Ordinal))
        {
            var next = cell.Source.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Skip(1).FirstOrDefault();
            if (next is not null) first += ": " + next;
        }
        if (first.Length > 60) first = first[..57] + "...";
        return string.Create(CultureInfo.InvariantCulture, $"cell {index + 1}") + (first.Length > 0 ? " (" + first + ")" : "");
    }

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
