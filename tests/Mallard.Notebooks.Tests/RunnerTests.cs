using Mallard.Engine;

namespace Mallard.Notebooks.Tests;

/// <summary>The headless runner against the real engine: outputs, counts, timings, parameters, failures and timeouts.</summary>
public sealed class RunnerTests
{
    private static NotebookRunOptions Options(params (string Name, string Value)[] parameters) => new()
    {
        Session = new SessionOptions { CSharp = Mallard.Engine.Scripting.CSharpScripting.Language },
        Parameters = [.. parameters.Select(p => KeyValuePair.Create(p.Name, p.Value))],
    };

    private static Notebook Parameterised()
    {
        var notebook = Notebook.CreateForMallard();
        notebook.Cells.Add(NotebookCell.Markdown("# Sales"));
        var parameters = NotebookCell.Code("// Defaults\nvar region = \"EU\";\nvar top = 3;\ndouble threshold = 0.5;\nvar since = new DateOnly(2024, 1, 1);");
        parameters.AddTag("parameters");
        notebook.Cells.Add(parameters);
        notebook.Cells.Add(NotebookCell.Code("$\"{region}:{top * 2}:{threshold * 2}:{since:yyyy-MM}\""));
        return notebook;
    }

    private static async Task<(NotebookRunResult Result, string Path)> RunAndWrite(Notebook notebook, NotebookRunOptions options, string name)
    {
        var directory = Jupyter.ScratchDirectory("run");
        var path = Path.Combine(directory, name + ".ipynb");
        NotebookWriter.Write(notebook, path);
        var result = await new NotebookRunner(options).RunAsync(NotebookReader.Read(path), path);
        var executed = Path.Combine(directory, name + ".executed.ipynb");
        NotebookWriter.Write(result.Notebook, executed);
        return (result, executed);
    }

    private static string ResultText(NotebookCell cell) =>
        cell.Outputs.OfType<ExecuteResultOutput>().Single().GetText("text/plain")!;

    [Fact]
    public async Task A_run_records_streams_displays_results_and_sql_tables_with_counts_and_timings()
    {
        var notebook = Notebook.CreateForMallard();
        notebook.Cells.Add(NotebookCell.Markdown("# Run"));
        notebook.Cells.Add(NotebookCell.Code("Console.WriteLine(\"hello\");\nConsole.Write(\"wor\");\nConsole.WriteLine(\"ld\");\nConsole.Error.WriteLine(\"careful\");\n1 + 1"));
        notebook.Cells.Add(NotebookCell.Code("var h = display(\"first\");\nh.Update(\"second\");\ndisplay(42);"));
        notebook.Cells.Add(NotebookCell.Code("   \n"));
        notebook.Cells.Add(NotebookCell.Code("#!sql\nSELECT 1 AS a, 'x<y' AS b UNION ALL SELECT 2, 'z';"));
        var progress = new List<NotebookCellRun>();

        var (result, path) = await RunAndWrite(notebook, Options(), "outputs");

        Assert.True(result.Succeeded, result.DescribeFailures());
        Jupyter.Validate(path);
        var cells = NotebookReader.Read(path).Cells;
        Assert.Equal([null, 1, 2, null, 3], cells.Select(c => c.ExecutionCount));
        Assert.Equal(["stream", "stream", "execute_result"], cells[1].Outputs.Select(o => o.OutputType));
        Assert.Equal("hello\nworld\n", ((StreamOutput)cells[1].Outputs[0]).Text);
        Assert.Equal("careful\n", ((StreamOutput)cells[1].Outputs[1]).Text);
        Assert.Equal("2", ResultText(cells[1]));
        Assert.Equal(1, ((ExecuteResultOutput)cells[1].Outputs[2]).ExecutionCount);
        // The update replaced the first display; the second display stands on its own.
        var displays = cells[2].Outputs.Cast<DisplayDataOutput>().ToList();
        Assert.Equal(2, displays.Count);
        Assert.Contains("second", displays[0].GetText("text/plain"), StringComparison.Ordinal);
        Assert.Contains("42", displays[1].GetText("text/plain"), StringComparison.Ordinal);
        var table = cells[4].Outputs.OfType<RichOutput>().Single();
        Assert.Contains("x&lt;y", table.GetText("text/html"), StringComparison.Ordinal);
        Assert.Empty(cells[3].Outputs);
        foreach (var cell in cells.Where(c => c.ExecutionCount is not null))
        {
            var execution = cell.Metadata["execution"]!.AsObject();
            Assert.Equal(["iopub.execute_input", "iopub.status.busy", "iopub.status.idle", "shell.execute_reply"], execution.Select(p => p.Key).Order(StringComparer.Ordinal));
            var busy = DateTimeOffset.Parse(execution["iopub.status.busy"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            var reply = DateTimeOffset.Parse(execution["shell.execute_reply"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(reply >= busy);
        }
        Assert.Equal("ok", result.Notebook.Metadata["mallard"]!["run"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Clear_output_removes_what_the_cell_showed_and_a_trailing_display_adds_no_result()
    {
        var notebook = Notebook.CreateForMallard();
        notebook.Cells.Add(NotebookCell.Code("Console.WriteLine(\"old\");\ndisplay(1);\nclear_output();\nConsole.WriteLine(\"new\");"));
        // Waiting: the outputs go only when the next one comes, so the last loop's output stays.
        notebook.Cells.Add(NotebookCell.Code("for (var i = 0; i < 3; i++) { clear_output(wait: true); Console.WriteLine($\"step {i}\"); }"));
        notebook.Cells.Add(NotebookCell.Code("display(\"shown once\")"));

        var (result, path) = await RunAndWrite(notebook, Options(), "cleared");

        Assert.True(result.Succeeded, result.DescribeFailures());
        Jupyter.Validate(path);
        var cells = NotebookReader.Read(path).Cells;
        Assert.Equal("new\n", ((StreamOutput)Assert.Single(cells[0].Outputs)).Text);
        Assert.Equal("step 2\n", ((StreamOutput)Assert.Single(cells[1].Outputs)).Text);
        Assert.Equal("display_data", Assert.Single(cells[2].Outputs).OutputType);
    }

    [Fact]
    public async Task The_report_of_a_failed_run_opens_with_a_banner_naming_and_linking_the_failed_cells()
    {
        Notebook Failing()
        {
            var notebook = Notebook.CreateForMallard();
            notebook.Cells.Add(NotebookCell.Markdown("# Sales"));
            notebook.Cells.Add(NotebookCell.Code("var fine = 1;"));
            notebook.Cells.Add(NotebookCell.Code("throw new InvalidOperationException(\"no sales table\");"));
            notebook.Cells.Add(NotebookCell.Code("#!sql\nSELECT * FROM no_such_table"));
            notebook.Cells.Add(NotebookCell.Code("fine + 1"));
            return notebook;
        }

        // Stopped at the first failure: one failed cell, two that never ran.
        var stopped = Failing();
        await new NotebookRunner(Options()).RunAsync(stopped);
        var html = HtmlReport.Render(stopped);
        Assert.Contains("<div class=\"banner failed\" role=\"alert\"><strong>1 cell failed, and the 2 code cells after the first failure did not run:</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#cell-3\">cell 3</a>: InvalidOperationException: no sales table</li>", html, StringComparison.Ordinal);
        Assert.Contains("<div id=\"cell-3\"></div>", html, StringComparison.Ordinal);

        // With errors allowed: both failures listed, every cell ran.
        var allowed = Failing();
        await new NotebookRunner(Options() with { AllowErrors = true }).RunAsync(allowed);
        var all = HtmlReport.Render(allowed);
        Assert.Contains("<strong>2 cells failed:</strong>", all, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#cell-4\">cell 4</a>: ", all, StringComparison.Ordinal);
        Assert.Contains("no_such_table", all, StringComparison.Ordinal);

        // A run without errors has no banner.
        var fine = Notebook.CreateForMallard();
        fine.Cells.Add(NotebookCell.Code("1 + 1"));
        await new NotebookRunner(Options()).RunAsync(fine);
        Assert.DoesNotContain("banner failed", HtmlReport.Render(fine), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameters_replace_the_defaults_and_change_the_output()
    {
        var (defaults, _) = await RunAndWrite(Parameterised(), Options(), "defaults");
        var (given, path) = await RunAndWrite(Parameterised(), Options(("region", "US"), ("top", "5"), ("threshold", "1.25"), ("since", "2024-06-01")), "given");

        Assert.True(defaults.Succeeded, defaults.DescribeFailures());
        Assert.True(given.Succeeded, given.DescribeFailures());
        Assert.Equal("EU:6:1:2024-01", ResultText(defaults.Notebook.Cells[2]));
        Assert.Equal("US:10:2.5:2024-06", ResultText(given.Notebook.Cells[3]));
        var injected = given.Notebook.Cells[2];
        Assert.True(injected.HasTag("injected-parameters"));
        Assert.True(given.Notebook.Cells[1].HasTag("parameters"));
        Assert.Contains("string region = \"US\";", injected.Source, StringComparison.Ordinal);
        Assert.Contains("int top = 5;", injected.Source, StringComparison.Ordinal);
        Assert.Contains("double threshold = 1.25;", injected.Source, StringComparison.Ordinal);
        Assert.Contains("DateOnly since = new DateOnly(2024, 6, 1);", injected.Source, StringComparison.Ordinal);
        Assert.Equal("\"US\"", given.Notebook.Metadata["mallard"]!["run"]!["parameters"]!["region"]!.GetValue<string>());
        Jupyter.Validate(path);
    }

    [Fact]
    public async Task Running_an_executed_notebook_again_replaces_its_injected_cell()
    {
        var (first, path) = await RunAndWrite(Parameterised(), Options(("top", "5")), "first");
        Assert.True(first.Succeeded, first.DescribeFailures());

        var again = await new NotebookRunner(Options(("top", "7"))).RunAsync(NotebookReader.Read(path), path);

        Assert.Single(again.Notebook.Cells, c => c.HasTag("injected-parameters"));
        Assert.Equal("EU:14:1:2024-01", ResultText(again.Notebook.Cells[3]));
    }

    [Fact]
    public async Task An_unknown_parameter_is_a_clear_error_before_anything_runs()
    {
        var notebook = Parameterised();
        var e = await Assert.ThrowsAsync<NotebookParameterException>(() => new NotebookRunner(Options(("regoin", "US"))).RunAsync(notebook));

        Assert.Contains("'regoin' is not assigned in the parameters cell (cell 2)", e.Message, StringComparison.Ordinal);
        Assert.Contains("region, top, threshold, since", e.Message, StringComparison.Ordinal);
        Assert.All(notebook.Cells, c => Assert.Null(c.ExecutionCount));
    }

    [Fact]
    public async Task A_value_that_does_not_fit_the_parameter_type_is_a_clear_error()
    {
        var e = await Assert.ThrowsAsync<NotebookParameterException>(() => new NotebookRunner(Options(("top", "many"))).RunAsync(Parameterised()));
        Assert.Equal("The parameter 'top' is an int in the parameters cell, and 'many' is not a whole number from -2147483648 to 2147483647.", e.Message);
    }

    [Fact]
    public async Task Parameters_without_a_parameters_cell_are_a_clear_error()
    {
        var notebook = Notebook.CreateForMallard();
        notebook.Cells.Add(NotebookCell.Code("1"));
        var e = await Assert.ThrowsAsync<NotebookParameterException>(() => new NotebookRunner(Options(("top", "1"))).RunAsync(notebook));
        Assert.Contains("no code cell is tagged \"parameters\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_run_stops_at_the_first_failing_cell_and_names_it()
    {
        var notebook = Notebook.CreateForMallard();
        notebook.Cells.Add(NotebookCell.Code("var x = 1;"));
        notebook.Cells.Add(NotebookCell.Markdown("text"));
        notebook.Cells.Add(NotebookCell.Code("#!sql\nSELECT * FROM no_such_table;"));
        notebook.Cells.Add(NotebookCell.Code("x + 1"));

        var (result, path) = await RunAndWrite(notebook, Options(), "fails");

        Assert.False(result.Succeeded);
        Assert.True(result.Stopped);
        var (index, error) = Assert.Single(result.Failures);
        Assert.Equal(2, index);
        Assert.StartsWith("cell 3 (#!sql: SELECT * FROM no_such_table;) failed: ", result.DescribeFailures(), StringComparison.Ordinal);
        Assert.Contains("no_such_table", result.DescribeFailures(), StringComparison.Ordinal);
        var failed = result.Notebook.Cells[2];
        var output = Assert.IsType<ErrorOutput>(failed.Outputs[^1]);
        Assert.Equal(error.Name, output.Name);
        Assert.Null(result.Notebook.Cells[3].ExecutionCount);
        Assert.Equal("failed", result.Notebook.Metadata["mallard"]!["run"]!["status"]!.GetValue<string>());
        Jupyter.Validate(path);
    }

    [Fact]
    public async Task With_allow_errors_the_run_goes_on_after_a_failing_cell()
    {
        var notebook = Notebook.CreateForMallard();
        notebook.Cells.Add(NotebookCell.Code("throw new InvalidOperationException(\"boom\");"));
        notebook.Cells.Add(NotebookCell.Code("40 + 2"));

        var result = await new NotebookRunner(Options() with { AllowErrors = true }).RunAsync(notebook);

        Assert.False(result.Stopped);
        Assert.Single(result.Failures);
        Assert.Contains("boom", ((ErrorOutput)notebook.Cells[0].Outputs[^1]).Value, StringComparison.Ordinal);
        Assert.Equal("42", ResultText(notebook.Cells[1]));
    }

    [Fact]
    public async Task A_cell_past_its_timeout_is_interrupted_and_the_run_fails()
    {
        var notebook = Notebook.CreateForMallard();
        notebook.Cells.Add(NotebookCell.Code("await Task.Delay(TimeSpan.FromMinutes(5), CancellationToken);"));
        notebook.Cells.Add(NotebookCell.Code("1"));

        var result = await new NotebookRunner(Options() with { CellTimeout = TimeSpan.FromSeconds(1) }).RunAsync(notebook);

        Assert.True(result.Stopped);
        Assert.Equal("CellTimeout", result.Failures.Single().Error.Name);
        Assert.Contains("timeout of 1 s", result.DescribeFailures(), StringComparison.Ordinal);
        Assert.True(result.Elapsed < TimeSpan.FromMinutes(1), $"The run took {result.Elapsed}.");
        Assert.Null(notebook.Cells[1].ExecutionCount);
    }

    [Fact]
    public async Task A_cell_that_ignores_the_interrupt_does_not_hold_the_run_past_its_grace_period()
    {
        var notebook = Notebook.CreateForMallard();
        // WaitOne with an exit-context flag is not rewritten: the interrupt does not reach it.
        notebook.Cells.Add(NotebookCell.Code("new ManualResetEvent(false).WaitOne(20000, false);"));

        var result = await new NotebookRunner(Options() with { CellTimeout = TimeSpan.FromMilliseconds(300), InterruptGrace = TimeSpan.FromMilliseconds(300) }).RunAsync(notebook);

        // Whether the engine lets go of the blocked cell itself or the runner gives up on it, the run ends.
        Assert.StartsWith("The cell ran longer than the timeout of 0.3 s and ", result.Failures.Single().Error.Message, StringComparison.Ordinal);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(15), $"The run took {result.Elapsed}.");
    }

    [Fact]
    public async Task A_cell_that_ends_well_after_its_timeout_still_fails_as_timed_out()
    {
        var notebook = Notebook.CreateForMallard();
        // A wait the interrupt does not reach (WaitOne with an exit-context flag is not rewritten): the cell ends by itself,
        // within the grace period but past its limit.
        notebook.Cells.Add(NotebookCell.Code("new ManualResetEvent(false).WaitOne(3000, false);\n\"waited\""));
        notebook.Cells.Add(NotebookCell.Code("1"));

        var result = await new NotebookRunner(Options() with { CellTimeout = TimeSpan.FromSeconds(1), InterruptGrace = TimeSpan.FromMinutes(2) }).RunAsync(notebook);

        var failure = result.Failures.Single().Error;
        Assert.Equal("CellTimeout", failure.Name);
        Assert.StartsWith("The cell ran longer than the timeout of 1 s: it did not stop when interrupted and ended after ", failure.Message, StringComparison.Ordinal);
        Assert.True(result.Stopped);
        Assert.Null(notebook.Cells[1].ExecutionCount);
    }

    [Fact]
    public async Task A_first_csharp_cell_is_timed_without_the_compilers_start()
    {
        // The compiler's start (a second or more, longer on a busy machine) happens before the first cell, not in its time.
        var notebook = Notebook.CreateForMallard();
        notebook.Cells.Add(NotebookCell.Code("var numbers = Enumerable.Range(1, 10).ToList();\nnumbers.Sum()"));

        var result = await new NotebookRunner(Options() with { CellTimeout = TimeSpan.FromSeconds(1.5) }).RunAsync(notebook);

        Assert.True(result.Succeeded, result.DescribeFailures());
        Assert.Equal("55", ResultText(notebook.Cells[0]));
    }

    [Fact]
    public async Task Scripts_load_relative_to_the_notebook_folder()
    {
        var directory = Jupyter.ScratchDirectory("cwd");
        File.WriteAllText(Path.Combine(directory, "helpers.csx"), "static int Twice(int n) => 2 * n;\n");
        var notebook = Notebook.CreateForMallard();
        notebook.Cells.Add(NotebookCell.Code("#load \"helpers.csx\"\nTwice(21)"));
        var path = Path.Combine(directory, "cwd.ipynb");

        var result = await new NotebookRunner(Options()).RunAsync(notebook, path);

        Assert.True(result.Succeeded, result.DescribeFailures());
        Assert.Equal("42", ResultText(notebook.Cells[0]));
    }

    [Fact]
    public async Task Progress_reports_each_code_cell_starting_and_finishing()
    {
        var events = new List<NotebookCellRun>();
        var notebook = Parameterised();

        await new NotebookRunner(Options()).RunAsync(notebook, progress: new SynchronousProgress<NotebookCellRun>(events.Add));

        Assert.Equal([(1, false), (1, true), (2, false), (2, true)], events.Select(e => (e.Index, e.Outcome is not null)));
        Assert.Equal("cell 2 (// Defaults)", events[0].Describe());
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
