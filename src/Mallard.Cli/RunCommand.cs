using System.CommandLine;
using System.Globalization;
using Mallard.Display;
using Mallard.Display.Plotly;
using Mallard.Engine;
using Mallard.Notebooks;
using Mallard.Warehouse;

namespace Mallard.Cli;

/// <summary>
/// <c>mallard run</c>: executes a notebook headless and writes the executed notebook (by default
/// <c>NAME.executed.ipynb</c> beside the input) and, with <c>--html</c>, a self-contained report. Progress goes
/// to standard error, one line per code cell. Exit codes: 0 every cell ran, 1 a cell failed (the executed
/// notebook and report are still written, showing the error), 2 the command could not start (bad arguments,
/// unreadable notebook, bad parameters), 130 interrupted.
/// </summary>
internal static class RunCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var notebook = new Argument<string>("notebook") { Description = "The notebook to run (.ipynb, or a Polyglot .dib, converted first)." };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Where to write the executed notebook (default: NAME.executed.ipynb beside the notebook).",
        };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report (works offline) to this file." };
        var parameters = new Option<string[]>("--parameter", "-p")
        {
            Description = "NAME=VALUE: replaces a default assigned in the cell tagged 'parameters' (repeatable). The value takes that name's C# type.",
            AllowMultipleArgumentsPerToken = false,
        };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds a cell may run before it is interrupted and the run fails (default: no limit)." };
        var allowErrors = new Option<bool>("--allow-errors") { Description = "Go on after a failing cell; its error becomes its output. The exit code is then 0." };
        var warehouse = new Option<string?>("--warehouse")
        {
            Description = "The DuckDB warehouse opened read-only as the default connection (default: MALLARD_WAREHOUSE, or warehouse/mallard.duckdb of the repository).",
        };
        var code = new Option<ReportCodeDisplay>("--code")
        {
            Description = "How the HTML report shows code.",
            DefaultValueFactory = _ => ReportCodeDisplay.Collapsed,
        };
        var plotly = PlotlyOption();
        var command = new Command("run", "Run a notebook headless and write the executed notebook and, optionally, an HTML report.")
        {
            notebook, output, html, parameters, timeout, allowErrors, warehouse, code, plotly,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(notebook)!,
            result.GetValue(output),
            result.GetValue(html),
            result.GetValue(parameters) ?? [],
            result.GetValue(timeout),
            result.GetValue(allowErrors),
            result.GetValue(warehouse),
            result.GetValue(code),
            cancellationToken,
            plotly: result.GetValue(plotly)));
        return command;
    }

    /// <summary>How the executed notebook's charts get plotly.js (the HTML report always carries it once).</summary>
    internal static Option<PlotlyDelivery> PlotlyOption() => new("--plotly")
    {
        Description = "How the executed notebook's charts get plotly.js: shared (the default: none in the notebook; plotly.min.js is written beside it "
            + "and the installed kernel's copy serves Jupyter, so the notebook stays small and draws offline), embed (the first chart carries "
            + "all 4.8 MB), cdn (loaded from cdn.plot.ly) or mime (the Plotly JSON only, no HTML form). VS Code draws the charts in every case.",
        DefaultValueFactory = _ => PlotlyDelivery.Shared,
    };

    /// <summary>Where the executed notebook goes by default: NAME.executed.ipynb beside the input (running it again overwrites it).</summary>
    public static string DefaultOutputPath(string input)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(input))!;
        var name = Path.GetFileNameWithoutExtension(input);
        if (!name.EndsWith(".executed", StringComparison.Ordinal)) name += ".executed";
        return Path.Combine(directory, name + ".ipynb");
    }

    internal static async Task<int> RunAsync(
        string input, string? output, string? html, string[] parameterArgs, double? timeoutSeconds, bool allowErrors,
        string? warehouse, ReportCodeDisplay codeDisplay, CancellationToken cancellationToken, string command = "run", PlotlyDelivery plotly = PlotlyDelivery.Shared)
    {
        var error = Console.Error;
        var me = "mallard " + command + ":";
        var inputPath = Path.GetFullPath(input);
        if (!File.Exists(inputPath))
        {
            error.WriteLine($"{me} there is no notebook at {inputPath}.");
            return 2;
        }
        if (timeoutSeconds is <= 0 or > 1e6 || (timeoutSeconds is { } t && double.IsNaN(t)))
        {
            error.WriteLine($"{me} --timeout takes seconds greater than 0, not {timeoutSeconds.Value.ToString(Invariant)}.");
            return 2;
        }
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var arg in parameterArgs)
        {
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 && arg.Trim().Length > 0)
            {
                error.WriteLine($"{me} -p {arg.Trim()} has no value: give -p {arg.Trim()}=VALUE.");
                return 2;
            }
            var name = equals < 0 ? "" : arg[..equals].Trim();
            if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsLetterOrDigit(c) || c == '_'))
            {
                error.WriteLine($"{me} -p takes NAME=VALUE with NAME a C# identifier, not '{arg}'.");
                return 2;
            }
            if (parameters.Any(p => p.Key == name))
            {
                error.WriteLine($"{me} the parameter '{name}' is given twice.");
                return 2;
            }
            parameters.Add(KeyValuePair.Create(name, arg[(equals + 1)..]));
        }

        Notebook notebook;
        try
        {
            notebook = inputPath.EndsWith(".dib", StringComparison.OrdinalIgnoreCase)
                ? DibConverter.ToNotebook(DibReader.Read(inputPath))
                : NotebookReader.Read(inputPath);
        }
        catch (NotebookFormatException e)
        {
            error.WriteLine($"{me} {e.Message}");
            return 2;
        }

        var folder = Path.GetDirectoryName(inputPath)!;
        var warehousePath = warehouse is null ? WarehouseLocation.DefaultPath(folder) : Path.GetFullPath(warehouse);
        var warehouseMissing = !File.Exists(warehousePath);
        if (warehouseMissing)
        {
            error.WriteLine($"note: there is no warehouse at {warehousePath}; cells that query it will fail. Build it with `mallard warehouse build`" +
                (warehouse is null ? "." : $" --output {warehouse}."));
        }

        var session = Hosting.Session(folder, warehousePath);
        var scriptMode = plotly switch
        {
            PlotlyDelivery.Embed => PlotlyScriptMode.OncePerDocument,
            PlotlyDelivery.Cdn => PlotlyScriptMode.Cdn,
            PlotlyDelivery.Mime => PlotlyScriptMode.MimeOnly,
            _ => PlotlyScriptMode.Shared,
        };
        var options = new NotebookRunOptions
        {
            Parameters = parameters,
            CellTimeout = timeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
            AllowErrors = allowErrors,
            Session = session with { Display = session.Display with { PlotlyScript = scriptMode } },
        };
        var codeCells = notebook.Cells.Count(c => c.CellType == NotebookCellType.Code && c.Source.Trim().Length > 0) + (parameters.Count > 0 ? 1 : 0);
        var outputPath = Path.GetFullPath(output ?? DefaultOutputPath(inputPath));
        error.WriteLine($"Running {inputPath} ({codeCells} code cells)");

        NotebookRunResult result;
        var previousDirectory = Environment.CurrentDirectory;
        try
        {
            // C# file access and SQL file paths are relative to the process's directory: make it the notebook's folder, as Jupyter does.
            Environment.CurrentDirectory = folder;
            result = await new NotebookRunner(options).RunAsync(notebook, inputPath, new ProgressPrinter(error, codeCells), cancellationToken).ConfigureAwait(false);
        }
        catch (NotebookParameterException e)
        {
            error.WriteLine($"{me} {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("Interrupted; nothing was written.");
            return 130;
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
        }

        try
        {
            NotebookWriter.Write(result.Notebook, outputPath);
            error.WriteLine($"Wrote {outputPath}");
            // The notebook's charts find plotly.js beside it (nbconvert's HTML of it too), offline.
            if (plotly == PlotlyDelivery.Shared && HasCharts(result.Notebook))
                error.WriteLine($"Wrote {PlotlyJs.WriteFile(Path.GetDirectoryName(outputPath)!)} (plotly.js, for the notebook's charts)");
            if (html is not null)
            {
                var htmlPath = Path.GetFullPath(html);
                HtmlReport.Write(result.Notebook, htmlPath, new HtmlReportOptions { Code = codeDisplay, FallbackTitle = Path.GetFileNameWithoutExtension(inputPath) });
                error.WriteLine($"Wrote {htmlPath}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{me} cannot write the result: {e.Message}");
            return 1;
        }

        var seconds = result.Elapsed.TotalSeconds.ToString("0.0", Invariant);
        if (result.Succeeded)
        {
            error.WriteLine($"Ran {result.CellsRun} cells in {seconds} s.");
            return 0;
        }
        error.WriteLine();
        error.WriteLine(result.DescribeFailures());
        if (warehouseMissing && result.Failures.Any(f => f.Error.Kind is CellErrorKind.Sql or CellErrorKind.Connection)) error.WriteLine($"The warehouse {warehousePath} does not exist; build it with `mallard warehouse build`.");
        if (cancellationToken.IsCancellationRequested) return 130;
        if (allowErrors)
        {
            error.WriteLine($"Ran {result.CellsRun} cells in {seconds} s; {result.Failures.Count} failed (--allow-errors).");
            return 0;
        }
        error.WriteLine($"Stopped after {result.CellsRun} {(result.CellsRun == 1 ? "cell" : "cells")} ({seconds} s); later cells did not run.");
        return 1;
    }

    private static bool HasCharts(Notebook notebook) =>
        notebook.Cells.Any(c => c.Outputs.OfType<RichOutput>().Any(o => o.Data[MimeTypes.Plotly] is not null));

    /// <summary>
    /// One line per code cell on standard error. On a terminal the line is written when the cell starts and
    /// completed when it ends, so a long cell shows what is running; redirected, each line is written whole.
    /// </summary>
    private sealed class ProgressPrinter(TextWriter writer, int total) : IProgress<NotebookCellRun>
    {
        private readonly bool _live = !Console.IsErrorRedirected;
        private int _done;

        public void Report(NotebookCellRun value)
        {
            var width = total.ToString(Invariant).Length;
            var head = string.Create(Invariant, $"[{(_done + 1).ToString(Invariant).PadLeft(width)}/{total}] {value.Describe(),-64} ");
            if (value.Outcome is not { } outcome)
            {
                if (_live)
                {
                    writer.Write(head);
                    writer.Flush();
                }
                return;
            }
            _done++;
            var status = outcome.Succeeded ? "ok" : outcome.Error?.Name == "CellTimeout" ? "TIMEOUT" : "FAILED";
            var tail = string.Create(Invariant, $"{status,-7} {outcome.Elapsed.TotalSeconds,7:F2} s");
            writer.WriteLine(_live ? tail : head + tail);
            if (!outcome.Succeeded && outcome.Error is { } e) writer.WriteLine("    " + e.Name + ": " + e.Message.ReplaceLineEndings("\n    "));
        }
    }
}
