using System.CommandLine;
using Mallard.Notebooks;
using Mallard.Warehouse;

namespace Mallard.Cli;

/// <summary>
/// <c>mallard analysis</c>: the shipped analysis in one step. Builds the sample warehouse when it is missing, runs a
/// shipped notebook (by default <c>customer_intelligence.ipynb</c>: the repository's <c>notebooks/</c> in a clone, else the
/// copy inside the installed tool) and writes the executed notebook and its HTML report under <c>reports/</c> (of the
/// repository, else of the current directory), printing where they are.
/// </summary>
internal static class AnalysisCommand
{
    /// <summary>The notebook run when none is named.</summary>
    public const string DefaultNotebook = "customer_intelligence";

    public static Command Create()
    {
        var notebook = new Argument<string>("notebook")
        {
            Description = "A shipped notebook by name (customer_intelligence, segmentation_pack, sql_exploration), or a notebook's path.",
            DefaultValueFactory = _ => DefaultNotebook,
        };
        var outputDirectory = new Option<string?>("--output-dir", "-o")
        {
            Description = "Where to write NAME.ipynb (executed) and NAME.html (default: reports/ in the repository, else in the current directory).",
        };
        var parameters = new Option<string[]>("--parameter", "-p")
        {
            Description = "NAME=VALUE for the notebook's parameters cell, as with `mallard run` (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var scale = new Option<long>("--scale")
        {
            Description = "Customers to generate when the warehouse has to be built.",
            DefaultValueFactory = _ => WarehouseBuildOptions.DefaultScale,
        };
        var rebuild = new Option<bool>("--rebuild") { Description = "Build the warehouse again even when it exists." };
        var plotly = RunCommand.PlotlyOption();
        var command = new Command("analysis", "Build the sample warehouse if it is missing, run a shipped notebook and write the executed notebook and its HTML report.")
        {
            notebook, outputDirectory, parameters, scale, rebuild, plotly,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(notebook)!,
            result.GetValue(outputDirectory),
            result.GetValue(parameters) ?? [],
            result.GetValue(scale),
            result.GetValue(rebuild),
            result.GetValue(plotly),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string notebook, string? outputDirectory, string[] parameters, long scale, bool rebuild, PlotlyDelivery plotly,
        CancellationToken cancellationToken)
    {
        var root = WarehouseLocation.FindRepositoryRoot(Directory.GetCurrentDirectory()) ?? WarehouseLocation.FindRepositoryRoot(AppContext.BaseDirectory);
        // In a clone, the repository's notebooks; elsewhere (the installed tool), the ones that travel inside it.
        var (notebooks, _) = ToolLocation.Shipped(root);
        var notebookPath = ResolveNotebook(notebook, notebooks);
        if (notebookPath is null)
        {
            Console.Error.WriteLine(Directory.Exists(notebooks)
                ? $"mallard analysis: there is no notebook '{notebook}' in {notebooks}; the shipped ones are {string.Join(", ", Shipped(notebooks))}."
                : $"mallard analysis: '{notebook}' is not a notebook file, and this mallard has no shipped notebooks ({notebooks} is missing); give the notebook's path.");
            return 2;
        }

        var warehouse = root is null ? WarehouseLocation.DefaultPath() : WarehouseLocation.DefaultPath(root);
        if (rebuild || !File.Exists(warehouse))
        {
            Console.Out.WriteLine(rebuild ? $"Rebuilding the warehouse at {warehouse}." : $"There is no warehouse at {warehouse} yet; building the sample warehouse.");
            var built = WarehouseCommand.Build(scale, WarehouseBuildOptions.DefaultSeed, null, warehouse, null, null);
            if (built != 0) return built;
        }

        var directory = Path.GetFullPath(outputDirectory ?? Path.Combine(root ?? Directory.GetCurrentDirectory(), "reports"));
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"mallard analysis: cannot create {directory}: {e.Message}");
            return 2;
        }
        var name = Path.GetFileNameWithoutExtension(notebookPath);
        var executed = Path.Combine(directory, name + ".ipynb");
        var report = Path.Combine(directory, name + ".html");
        var code = await RunCommand.RunAsync(notebookPath, executed, report, parameters, null, false, warehouse, ReportCodeDisplay.Collapsed, cancellationToken, "analysis", plotly).ConfigureAwait(false);
        if (code is 0 or 1 && File.Exists(report))
        {
            Console.Out.WriteLine();
            Console.Out.WriteLine($"Executed notebook: {executed}");
            Console.Out.WriteLine($"HTML report:       {report}");
            if (code == 0) Console.Out.WriteLine("Open the report in a browser; open the notebooks in VS Code with the Mallard (C#) kernel after `mallard kernel install`.");
        }
        return code;
    }

    /// <summary>The notebook a name or path means: an existing file, or NAME(.ipynb) in the shipped notebooks' folder.</summary>
    private static string? ResolveNotebook(string notebook, string notebooks)
    {
        if (File.Exists(notebook)) return Path.GetFullPath(notebook);
        var file = notebook.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) ? notebook : notebook + ".ipynb";
        var candidate = Path.Combine(notebooks, file);
        return File.Exists(candidate) ? candidate : null;
    }

    /// <summary>The names of the notebooks in a folder, in order.</summary>
    internal static IEnumerable<string> Shipped(string notebooks) =>
        Directory.Exists(notebooks)
            ? Directory.EnumerateFiles(notebooks, "*.ipynb").Select(Path.GetFileNameWithoutExtension).Where(n => !n!.EndsWith(".executed", StringComparison.Ordinal)).Order(StringComparer.Ordinal)!
            : [];
}
