using Mallard.Display.Tests;
using OpenQA.Selenium;

namespace Mallard.Notebooks.Tests;

/// <summary><c>mallard run</c> and <c>mallard convert</c> as a user runs them: a separate process, real files.</summary>
public sealed class CliTests(Browser browser) : IClassFixture<Browser>
{
    private static string WriteNotebook(string directory, string name, params NotebookCell[] cells)
    {
        var notebook = Notebook.CreateForMallard();
        notebook.Cells.AddRange(cells);
        var path = Path.Combine(directory, name);
        NotebookWriter.Write(notebook, path);
        return path;
    }

    private static NotebookCell Tagged(NotebookCell cell, string tag)
    {
        cell.AddTag(tag);
        return cell;
    }

    private static NotebookCell[] ChartNotebook() =>
    [
        NotebookCell.Markdown("# Segment report\n\nCustomers per *segment*."),
        Tagged(NotebookCell.Code("var minimum = 1;"), "parameters"),
        NotebookCell.Code("#!sql --name segments\nSELECT s AS segment, count(*) AS customers FROM read_csv('customers.csv') t(s) GROUP BY s HAVING count(*) >= $minimum ORDER BY s;"),
        NotebookCell.Code("new KpiCards(new KpiCard(\"Segments\", segments.RowCount), new KpiCard(\"Customers\", 6))"),
        NotebookCell.Code("display(Chart.Bar(segments, \"segment\", \"customers\", title: \"Customers by segment\"));\nChart.Pie(segments, \"segment\", \"customers\")"),
    ];

    [Fact]
    public void Run_writes_the_executed_notebook_beside_the_input_and_a_report_that_draws_in_chromium()
    {
        var directory = Jupyter.ScratchDirectory("cli-run");
        File.WriteAllText(Path.Combine(directory, "customers.csv"), "s\nVIP\nVIP\nLoyal\nActive\nActive\nActive\n");
        var input = WriteNotebook(directory, "segments.ipynb", ChartNotebook());
        var report = Path.Combine(directory, "report.html");

        var (exit, _, stderr) = MallardProcess.Run("run", input, "--html", report, "-p", "minimum=2");

        Assert.True(exit == 0, stderr);
        Assert.Contains("[1/5] cell 2 (var minimum = 1;)", stderr, StringComparison.Ordinal);
        // Cells are numbered as in the executed notebook, which has the injected parameters cell.
        Assert.Contains("[3/5] cell 4 (#!sql --name segments: SELECT s AS segment", stderr, StringComparison.Ordinal);
        Assert.Contains("[5/5] cell 6 (display(Chart.Bar(segments", stderr, StringComparison.Ordinal);
        var executedPath = Path.Combine(directory, "segments.executed.ipynb");
        Jupyter.Validate(executedPath);
        var executed = NotebookReader.Read(executedPath);
        Assert.True(executed.Cells[2].HasTag("injected-parameters"));
        // With minimum=2 the Loyal segment (one customer) is left out: two bars, two slices.
        var kpis = executed.Cells[4].Outputs.OfType<RichOutput>().Single().GetText("text/plain")!;
        Assert.StartsWith("2 ", kpis.Split('\n')[1], StringComparison.Ordinal);

        var driver = browser.Driver;
        driver.Navigate().GoToUrl(new Uri(report).AbsoluteUri);
        Browser.WaitFor(driver, d => d.FindElements(By.CssSelector(".mallard-plot.js-plotly-plot")).Count == 2, "both charts to draw");
        Assert.Equal(2, driver.FindElements(By.CssSelector("#report-plot-1 g.barlayer g.point")).Count);
        Assert.Equal(2, driver.FindElements(By.CssSelector("#report-plot-2 g.slice")).Count);
        Assert.Equal("Segment report", driver.Title);
        Assert.Equal(2, driver.FindElements(By.CssSelector(".mallard-kpis .mk-card")).Count);
        Assert.Contains("minimum = 2", driver.FindElement(By.CssSelector("header.report .meta")).Text, StringComparison.Ordinal);
        browser.Screenshot((ITakesScreenshot)driver, "cli_run_report");
    }

    [Fact]
    public void A_failing_cell_gives_a_non_zero_exit_naming_the_cell_and_the_error_and_still_writes_the_notebook()
    {
        var directory = Jupyter.ScratchDirectory("cli-fail");
        var input = WriteNotebook(directory, "fails.ipynb",
            NotebookCell.Code("var ok = 1;"),
            NotebookCell.Code("#!sql\nSELECT * FROM gold.gld_customer_analytics;"),
            NotebookCell.Code("ok + 1"));
        var output = Path.Combine(directory, "out", "result.ipynb");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);

        var (exit, _, stderr) = MallardProcess.Run("run", input, "--output", output);

        Assert.Equal(1, exit);
        Assert.Contains("cell 2 (#!sql: SELECT * FROM gold.gld_customer_analytics;) failed: ", stderr, StringComparison.Ordinal);
        Assert.Contains("gld_customer_analytics", stderr, StringComparison.Ordinal);
        // The warehouse tests point at does not exist: the command says how to build one.
        Assert.Contains("mallard warehouse build", stderr, StringComparison.Ordinal);
        var executed = NotebookReader.Read(output);
        Assert.IsType<ErrorOutput>(executed.Cells[1].Outputs[^1]);
        Assert.Null(executed.Cells[2].ExecutionCount);
        Jupyter.Validate(output);
    }

    [Fact]
    public void The_warehouse_option_opens_that_database_read_only_as_the_default_connection()
    {
        var directory = Jupyter.ScratchDirectory("cli-warehouse");
        var warehouse = Path.Combine(directory, "small.duckdb");
        var (exit, _, stderr) = MallardProcess.Run("query", "-d", warehouse, "CREATE SCHEMA gold; CREATE TABLE gold.revenue AS SELECT 'VIP' AS segment, 120.5 AS revenue UNION ALL SELECT 'Loyal', 80");
        Assert.True(exit == 0, stderr);
        var input = WriteNotebook(directory, "w.ipynb",
            NotebookCell.Code("#!sql --name revenue\nSELECT sum(revenue) AS total FROM gold.revenue;"),
            NotebookCell.Code("#!sql\nCREATE TABLE gold.scratch (x INT);"));

        (exit, _, stderr) = MallardProcess.Run("run", input, "--warehouse", warehouse);

        Assert.Equal(1, exit);
        Assert.DoesNotContain("no warehouse at", stderr, StringComparison.Ordinal);
        var executed = NotebookReader.Read(Path.Combine(directory, "w.executed.ipynb"));
        Assert.Contains("200.5", executed.Cells[0].Outputs.OfType<RichOutput>().Single().GetText("text/plain"), StringComparison.Ordinal);
        // Read-only: the notebook cannot change the warehouse.
        Assert.Contains("cell 2 (#!sql: CREATE TABLE gold.scratch (x INT);) failed: ", stderr, StringComparison.Ordinal);
        Assert.Contains("read-only", stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_notebook_over_a_freshly_built_warehouse_runs_and_reports()
    {
        var directory = Jupyter.ScratchDirectory("cli-gold");
        var warehouse = Path.Combine(directory, "warehouse", "mallard.duckdb");
        var (exit, _, stderr) = MallardProcess.Run("warehouse", "build", "--scale", "200", "--seed", "3", "--output", warehouse);
        Assert.True(exit == 0, stderr);
        var input = WriteNotebook(directory, "gold.ipynb",
            NotebookCell.Markdown("# Gold segments"),
            Tagged(NotebookCell.Code("var top = 10;"), "parameters"),
            NotebookCell.Code("#!sql --name segments\nSELECT customer_segment, count(*) AS customers FROM gold.gld_customer_analytics GROUP BY ALL ORDER BY customers DESC LIMIT $top;"),
            NotebookCell.Code("Chart.Bar(segments, \"customer_segment\", \"customers\", title: \"Customers by segment\")"));
        var report = Path.Combine(directory, "gold.html");

        (exit, _, stderr) = MallardProcess.Run("run", input, "--warehouse", warehouse, "--html", report, "-p", "top=2");

        Assert.True(exit == 0, stderr);
        var executed = NotebookReader.Read(Path.Combine(directory, "gold.executed.ipynb"));
        var figure = executed.Cells[4].Outputs.OfType<ExecuteResultOutput>().Single().Data["application/vnd.plotly.v1+json"]!;
        Assert.Equal(2, figure["data"]![0]!["x"]!.AsArray().Count);
        var html = File.ReadAllText(report);
        Assert.Contains("document.getElementById(\"report-plot-1\")", html, StringComparison.Ordinal);
        Assert.Contains("top = 2", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Allow_errors_runs_every_cell_and_exits_zero()
    {
        var directory = Jupyter.ScratchDirectory("cli-allow");
        var input = WriteNotebook(directory, "allow.ipynb", NotebookCell.Code("throw new Exception(\"first\");"), NotebookCell.Code("\"second\""));

        var (exit, _, stderr) = MallardProcess.Run("run", input, "--allow-errors");

        Assert.True(exit == 0, stderr);
        Assert.Contains("1 failed (--allow-errors)", stderr, StringComparison.Ordinal);
        Assert.Equal(2, NotebookReader.Read(Path.Combine(directory, "allow.executed.ipynb")).Cells[1].ExecutionCount);
    }

    [Fact]
    public void An_unknown_parameter_exits_2_naming_it_and_the_known_ones()
    {
        var directory = Jupyter.ScratchDirectory("cli-param");
        var input = WriteNotebook(directory, "p.ipynb", Tagged(NotebookCell.Code("var top = 10;\nvar region = \"EU\";"), "parameters"));

        var (exit, _, stderr) = MallardProcess.Run("run", input, "-p", "toop=3");

        Assert.Equal(2, exit);
        Assert.Contains("'toop' is not assigned in the parameters cell (cell 1)", stderr, StringComparison.Ordinal);
        Assert.Contains("It assigns: top, region.", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory, "p.executed.ipynb")));
    }

    [Fact]
    public void A_parameter_without_a_value_says_to_give_one()
    {
        var directory = Jupyter.ScratchDirectory("cli-param-value");
        var input = WriteNotebook(directory, "p.ipynb", Tagged(NotebookCell.Code("var country = \"\";"), "parameters"));

        var (exit, _, stderr) = MallardProcess.Run("run", input, "-p", "country");

        Assert.Equal(2, exit);
        Assert.Contains("mallard run: -p country has no value: give -p country=VALUE.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_over_the_timeout_fails_the_run()
    {
        var directory = Jupyter.ScratchDirectory("cli-timeout");
        var input = WriteNotebook(directory, "slow.ipynb", NotebookCell.Code("await Task.Delay(60_000, CancellationToken);"));

        var (exit, _, stderr) = MallardProcess.Run("run", input, "--timeout", "1");

        Assert.Equal(1, exit);
        Assert.Contains("TIMEOUT", stderr, StringComparison.Ordinal);
        Assert.Contains("cell 1 (await Task.Delay(60_000, CancellationToken);) failed: CellTimeout: The cell ran longer than the timeout of 1 s", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Running_a_missing_notebook_says_so()
    {
        var (exit, _, stderr) = MallardProcess.Run("run", "no/such/notebook.ipynb");
        Assert.Equal(2, exit);
        Assert.Contains("there is no notebook at", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_turns_a_dib_into_a_valid_ipynb_and_back_into_the_same_dib()
    {
        var directory = Jupyter.ScratchDirectory("cli-convert");
        var dib = Path.Combine(directory, "polyglot.dib");
        File.Copy(Jupyter.Fixture("polyglot.dib"), dib);

        var (exit, stdout, stderr) = MallardProcess.Run("convert", dib);
        Assert.True(exit == 0, stderr);
        var ipynb = Path.Combine(directory, "polyglot.ipynb");
        Assert.Contains("Wrote " + ipynb + " (7 cells).", stdout, StringComparison.Ordinal);
        Jupyter.Validate(ipynb);

        var back = Path.Combine(directory, "back.dib");
        (exit, _, stderr) = MallardProcess.Run("convert", ipynb, "-o", back);
        Assert.True(exit == 0, stderr);
        Assert.Equal(File.ReadAllText(dib), File.ReadAllText(back));
    }

    [Fact]
    public void Convert_refuses_other_files_clearly()
    {
        var directory = Jupyter.ScratchDirectory("cli-convert-bad");
        var text = Path.Combine(directory, "notes.txt");
        File.WriteAllText(text, "x");
        var broken = Path.Combine(directory, "broken.ipynb");
        File.WriteAllText(broken, "{ not json");

        var (exit, _, stderr) = MallardProcess.Run("convert", text);
        Assert.Equal(2, exit);
        Assert.Contains("neither a .dib nor an .ipynb", stderr, StringComparison.Ordinal);

        (exit, _, stderr) = MallardProcess.Run("convert", broken);
        Assert.Equal(2, exit);
        Assert.Contains("broken.ipynb: The notebook is not valid JSON", stderr, StringComparison.Ordinal);
    }
}
