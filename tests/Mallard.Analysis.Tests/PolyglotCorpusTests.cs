using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mallard.Notebooks;

namespace Mallard.Analysis.Tests;

/// <summary>
/// The corpus of Polyglot notebooks (notebooks/polyglot/corpus): notebooks written as Polyglot Notebooks' documentation and
/// samples write them (connected DuckDB kernels, #!set, #!share, #!value, NuGet packages, HTML), adapted to the gold warehouse.
/// Each runs unchanged in Mallard, through mallard run and through nbclient on the Mallard kernel, and what it shows equals an
/// independent query of the same warehouse.
/// </summary>
[Collection(AnalysisCollection.Name)]
public sealed class PolyglotCorpusTests(AnalysisFixture fixture)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The kernels a corpus notebook may use: C#, Markdown, the values, HTML and Mermaid kernels, and its connections.</summary>
    private static readonly HashSet<string> AllowedKernels = ["csharp", "markdown", "value", "html", "mermaid", "wh", "scratch"];

    public static TheoryData<string> Notebooks => new(CorpusFiles());

    private static readonly string[] Ways = ["runner", "nbclient"];

    public static TheoryData<string> WaysToRun => new(Ways);

    private static IEnumerable<string> CorpusFiles()
    {
        var root = Mallard.Warehouse.WarehouseLocation.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("The tests run from inside the repository.");
        return Directory.EnumerateFiles(Path.Combine(root, "notebooks", "polyglot", "corpus"))
            .Where(f => f.EndsWith(".dib", StringComparison.Ordinal) || f.EndsWith(".ipynb", StringComparison.Ordinal))
            .Select(f => Path.GetFileName(f)!)
            .Order(StringComparer.Ordinal);
    }

    [Fact]
    public void The_corpus_holds_dib_files_and_notebooks_polyglot_wrote()
    {
        var files = CorpusFiles().ToList();
        Assert.True(files.Count >= 5, string.Join(", ", files));
        Assert.True(files.Count(f => f.EndsWith(".ipynb", StringComparison.Ordinal)) >= 2, string.Join(", ", files));
        Assert.True(files.Count(f => f.EndsWith(".dib", StringComparison.Ordinal)) >= 3, string.Join(", ", files));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void A_corpus_notebook_is_written_as_polyglot_writes_it_and_names_every_kernel_it_uses(string file)
    {
        var path = fixture.CorpusNotebook(file);
        if (file.EndsWith(".dib", StringComparison.Ordinal))
        {
            var text = File.ReadAllText(path);
            Assert.StartsWith("#!meta\n", text, StringComparison.Ordinal);
            var document = DibReader.Read(path);
            var listed = KernelNames(document.Meta!["kernelInfo"]!);
            // A cell starts at a line that is exactly #!NAME: every such NAME must be listed, or Polyglot would not split on it.
            var selectors = text.Split('\n').Skip(1).Where(l => l.StartsWith("#!", StringComparison.Ordinal) && !l.TrimEnd().Contains(' ', StringComparison.Ordinal))
                .Select(l => l.TrimEnd()[2..]).Where(n => n != "time").Distinct().ToList();
            Assert.All(selectors, s => Assert.True(s == "markdown" || listed.Contains(s), $"{file}: #!{s} starts cells but kernelInfo does not list it."));
            Assert.All(document.Cells, c => Assert.Contains(c.KernelName, AllowedKernels));
            Assert.Contains(document.Cells, c => c.KernelName == "wh");
        }
        else
        {
            var json = JsonNode.Parse(File.ReadAllText(path))!;
            var metadata = json["metadata"]!;
            Assert.Equal(".net-csharp", (string?)metadata["kernelspec"]!["name"]);
            Assert.Equal("polyglot-notebook", (string?)metadata["language_info"]!["name"]);
            var listed = KernelNames(metadata["polyglot_notebook"]!["kernelInfo"]!);
            var code = json["cells"]!.AsArray().Where(c => (string?)c!["cell_type"] == "code").ToList();
            Assert.All(code, cell =>
            {
                var kernel = (string?)cell!["metadata"]!["polyglot_notebook"]!["kernelName"];
                Assert.Equal(kernel, (string?)cell["metadata"]!["dotnet_interactive"]!["language"]);
                Assert.Contains(kernel!, listed);
                Assert.Contains(kernel!, AllowedKernels);
                // Polyglot keeps a cell's kernel in its metadata, never as a first line of its own.
                var source = string.Concat(cell["source"]!.AsArray().Select(l => (string?)l));
                Assert.NotEqual("#!" + kernel, source.Split('\n')[0].TrimEnd());
                Assert.Empty(cell["outputs"]!.AsArray());
            });
            Assert.Contains(code, c => (string?)c!["metadata"]!["polyglot_notebook"]!["kernelName"] == "wh");
            Assert.StartsWith("4.", fixture.Validate(path), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void A_corpus_notebook_runs_unchanged_through_mallard_run(string file)
    {
        var run = fixture.RunCorpusWithRunner(file);
        var executed = run.Executed();
        Assert.Empty(executed.Errors);
        Assert.All(executed.CodeCells, c => Assert.Equal(JsonValueKind.Number, c.GetProperty("execution_count").ValueKind));
        Assert.StartsWith("4.", fixture.Validate(run.ExecutedPath), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void A_corpus_notebook_runs_unchanged_through_nbclient_on_the_mallard_kernel(string file)
    {
        var run = fixture.RunCorpusWithNbclient(file);
        var executed = run.Executed();
        Assert.Empty(executed.Errors);
        Assert.All(executed.CodeCells, c => Assert.Equal(JsonValueKind.Number, c.GetProperty("execution_count").ValueKind));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_runner_and_the_kernel_show_the_same_results(string file)
    {
        var runner = Shown(fixture.RunCorpusWithRunner(file).Executed());
        var kernel = Shown(fixture.RunCorpusWithNbclient(file).Executed());
        Assert.True(runner.Count >= 4, $"{file} showed only {runner.Count} results.");
        Assert.Equal(runner.Count, kernel.Count);
        for (var i = 0; i < runner.Count; i++) Assert.Equal(runner[i], kernel[i]);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void A_corpus_notebook_keeps_every_cells_kernel_through_mallard_convert(string file)
    {
        // The way to nbclient for a notebook Polyglot wrote, whose cells' kernels are in their metadata (nbclient sends only text):
        // to .dib and back. A .dib goes to .ipynb and back.
        var folder = Directory.CreateDirectory(Path.Combine(fixture.Root, "corpus-convert")).FullName;
        var stem = Path.Combine(folder, Path.GetFileNameWithoutExtension(file));
        List<string> written, converted;
        if (file.EndsWith(".dib", StringComparison.Ordinal))
        {
            written = Kernels(DibReader.Read(fixture.CorpusNotebook(file)));
            var back = fixture.ConvertNotebook(fixture.ConvertNotebook(fixture.CorpusNotebook(file), stem + ".ipynb"), stem + ".back.dib");
            converted = Kernels(DibReader.Read(back));
        }
        else
        {
            written = [.. JsonNode.Parse(File.ReadAllText(fixture.CorpusNotebook(file)))!["cells"]!.AsArray()
                .Select(c => (string?)c!["cell_type"] == "code" ? (string)c["metadata"]!["polyglot_notebook"]!["kernelName"]! : "markdown")];
            converted = Kernels(DibReader.Read(fixture.ConvertNotebook(fixture.CorpusNotebook(file), stem + ".dib")));
        }
        Assert.Equal(written, converted);

        static List<string> Kernels(DibDocument document) => [.. document.Cells.Select(c => c.KernelName)];
    }

    [Theory]
    [MemberData(nameof(WaysToRun))]
    public void Connect_and_query_shares_the_segment_mix_the_warehouse_holds(string way)
    {
        var (executed, warehouse) = Run("connect_and_query.dib", way);

        var tables = Plain(Cell(executed, "FROM duckdb_tables()"));
        foreach (var table in new[] { "gld_build_info", "gld_cohort_retention", "gld_customer_analytics", "gld_customer_risk", "gld_revenue_summary" })
            Assert.Contains(table, tables, StringComparison.Ordinal);

        var totals = Stdout(Cell(executed, "#!share --from wh segmentMix"));
        Assert.Equal(Scalar<long>(warehouse, "SELECT count(DISTINCT customer_segment) FROM gold.gld_customer_analytics").ToString(Invariant), Line(totals, "Segments: "));
        Assert.Equal(Scalar<long>(warehouse, "SELECT count(*) FROM gold.gld_customer_analytics").ToString(Invariant), Line(totals, "Customers: "));
        Assert.Equal(Scalar<decimal>(warehouse, "SELECT sum(lifetime_value) FROM gold.gld_customer_analytics").ToString("F2", Invariant), Line(totals, "Revenue: "));

        var shares = Stdout(Cell(executed, "var shares"));
        Assert.Equal(Scalar<string>(warehouse, "SELECT customer_segment FROM gold.gld_customer_analytics GROUP BY ALL ORDER BY sum(lifetime_value) DESC LIMIT 1"),
            Line(shares, "Top segment: "));

        var frame = Cell(executed, "segmentMix.ToFrame()");
        Assert.Equal("5 rows, 3 columns", Line(Stdout(frame), "Frame: "));
        Assert.Contains("class=\"mallard-table\"", Html(frame), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WaysToRun))]
    public void Variable_sharing_binds_csharp_values_as_parameters_and_reads_the_values_text(string way)
    {
        var (executed, warehouse) = Run("variable_sharing.dib", way);

        var loyal = Plain(Cell(executed, "#!set --name seg --value @csharp:segment"));
        Assert.Contains("Loyal", loyal, StringComparison.Ordinal);
        Assert.DoesNotContain("VIP", loyal, StringComparison.Ordinal);
        Assert.Contains("1 row", loyal, StringComparison.Ordinal);

        var top = Stdout(Cell(executed, "#!share --from wh topCustomers"));
        Assert.Equal(Scalar<long>(warehouse, "SELECT customer_id FROM gold.gld_customer_analytics WHERE customer_segment = 'Loyal' ORDER BY lifetime_value DESC, customer_id LIMIT 1").ToString(Invariant),
            Line(top, "Top Loyal customer: "));

        Assert.Equal(Scalar<long>(warehouse, "SELECT count(*) FROM gold.gld_customer_analytics WHERE total_orders >= 10"),
            SingleNumber(Plain(Cell(executed, "#!set --name minOrders --value 10"))));
        Assert.Equal(Scalar<long>(warehouse, "SELECT count(*) FROM gold.gld_customer_analytics WHERE customer_segment = 'VIP'"),
            SingleNumber(Plain(Cell(executed, "#!set --name seg --value VIP"))));

        var attainment = Stdout(Cell(executed, "#!share --from value targets"));
        foreach (var (segment, target) in new[] { ("VIP", 150), ("Loyal", 300), ("Regular", 800), ("New", 250) })
        {
            var have = Scalar<long>(warehouse, "SELECT count(*) FROM gold.gld_customer_analytics WHERE customer_segment = $s", new Dictionary<string, object?> { ["s"] = segment });
            Assert.Equal($"{have} of {target} ({100 * have / target}%)", Line(attainment, segment + ": "));
        }
    }

    [Theory]
    [MemberData(nameof(WaysToRun))]
    public void Packages_and_scratch_loads_json_net_and_reads_csharp_records_as_tables(string way)
    {
        var (executed, warehouse) = Run("packages_and_scratch.dib", way);

        Assert.Contains("Installed Newtonsoft.Json", Plain(Cell(executed, "#r \"nuget: Newtonsoft.Json\"")), StringComparison.Ordinal);
        var top = Scalar<string>(warehouse,
            "SELECT string_agg(customer_id::VARCHAR, ',' ORDER BY lifetime_value DESC, customer_id) FROM (SELECT * FROM gold.gld_customer_analytics WHERE customer_segment = 'VIP' ORDER BY lifetime_value DESC, customer_id LIMIT 3)");
        var json = JsonNode.Parse(Stdout(Cell(executed, "JsonConvert.SerializeObject")))!.AsArray();
        Assert.Equal(top, string.Join(',', json.Select(c => c!["customer_id"]!.GetValue<long>())));
        Assert.Equal($"3 customers; the first is {top.Split(',')[0]}", Line(Stdout(Cell(executed, "JArray.Parse")), "Parsed "));

        Assert.Contains("quarterly business review", Plain(Cell(executed, "CREATE TABLE notes")), StringComparison.Ordinal);
        Assert.Contains("4 rows", Plain(Cell(executed, "FROM segmentTargets ORDER BY")), StringComparison.Ordinal);
        var attainment = Stdout(Cell(executed, "#!share --from scratch attainment"));
        foreach (var (segment, target) in new[] { ("VIP", 150), ("Loyal", 300), ("Regular", 800), ("New", 250) })
        {
            var have = Scalar<long>(warehouse, "SELECT count(*) FROM gold.gld_customer_analytics WHERE customer_segment = $s", new Dictionary<string, object?> { ["s"] = segment });
            Assert.Equal($"{have} of {target}", Line(attainment, $"Attainment {segment}: "));
        }
    }

    [Theory]
    [MemberData(nameof(WaysToRun))]
    public void Cohorts_and_risk_pools_month_one_retention_and_counts_the_risk_flags(string way)
    {
        var (executed, warehouse) = Run("cohorts_and_risk.dib", way);

        var timed = Cell(executed, "SELECT cohort_basis,");
        Assert.StartsWith("Wall time: ", Stdout(timed), StringComparison.Ordinal);
        Assert.Contains("first_order", Plain(timed), StringComparison.Ordinal);

        var pooled = Stdout(Cell(executed, "#!share --from wh monthOne"));
        Assert.Equal(Scalar<long>(warehouse, "SELECT count(*) FROM gold.gld_cohort_retention WHERE cohort_basis = 'first_order' AND months_since = 1").ToString(Invariant),
            Line(pooled, "First-order cohorts: "));
        Assert.Equal(Scalar<double>(warehouse, "SELECT sum(active_customers) / sum(cohort_size) FROM gold.gld_cohort_retention WHERE cohort_basis = 'first_order' AND months_since = 1").ToString("0.0000", Invariant),
            Line(pooled, "Month-1 retention: "));
        Assert.NotNull(Line(pooled, "Wall time: "));

        var risk = Stdout(Cell(executed, "#!share --from wh riskFlags"));
        Assert.Equal(Scalar<long>(warehouse, "SELECT count(*) FROM gold.gld_customer_risk WHERE risk_flag = 'High'").ToString(Invariant), Line(risk, "High risk customers: "));
        Assert.Equal($"{Scalar<long>(warehouse, "SELECT count(*) FROM gold.gld_customer_risk WHERE risk_flag <> 'Low'")} of {Scalar<long>(warehouse, "SELECT count(*) FROM gold.gld_customer_risk")}",
            Line(risk, "Flagged customers: "));
    }

    [Theory]
    [MemberData(nameof(WaysToRun))]
    public void The_html_report_shows_its_heading_headline_figures_and_regions_as_html(string way)
    {
        var (executed, warehouse) = Run("html_report.ipynb", way);

        Assert.Contains("<h2 style=\"margin-bottom:0\">Gold warehouse</h2>", Html(Cell(executed, "<h2")), StringComparison.Ordinal);

        var headline = Html(Cell(executed, "#!share --from wh headline"));
        Assert.StartsWith("<div class=\"headline\">", headline, StringComparison.Ordinal);
        Assert.Contains($"<span>{Scalar<long>(warehouse, "SELECT count(*) FROM gold.gld_customer_analytics").ToString("N0", Invariant)}</span>", headline, StringComparison.Ordinal);
        Assert.Contains($"<span>{Scalar<long>(warehouse, "SELECT count(*) FROM gold.gld_customer_analytics WHERE total_orders > 0").ToString("N0", Invariant)}</span>", headline, StringComparison.Ordinal);
        Assert.Contains($"<span>{Scalar<decimal>(warehouse, "SELECT sum(lifetime_value) FROM gold.gld_customer_analytics").ToString("N2", Invariant)}</span>", headline, StringComparison.Ordinal);
        Assert.Contains($"<span>{Scalar<decimal>(warehouse, "SELECT gold.money_div(sum(lifetime_value), sum(total_orders)) FROM gold.gld_customer_analytics").ToString("N2", Invariant)}</span>",
            headline, StringComparison.Ordinal);

        var regions = Html(Cell(executed, "#!share --from wh regions"));
        Assert.StartsWith("<table class=\"regions\">", regions, StringComparison.Ordinal);
        Assert.Equal(Scalar<long>(warehouse, "SELECT count(DISTINCT region) FROM gold.gld_customer_analytics") + 1, regions.Split("<tr>").Length - 1);
        // Text goes into the HTML encoded: the region's ampersand is the HTML entity.
        Assert.Contains("<td>Middle East &amp; Africa</td>", regions, StringComparison.Ordinal);
        var europe = Scalar<decimal>(warehouse, "SELECT sum(lifetime_value) FROM gold.gld_customer_analytics WHERE region = 'Europe'");
        Assert.Contains($"<td>Europe</td><td style=\"text-align:right\">{Scalar<long>(warehouse, "SELECT count(*) FROM gold.gld_customer_analytics WHERE region = 'Europe'").ToString("N0", Invariant)}</td>"
            + $"<td style=\"text-align:right\">{europe.ToString("N2", Invariant)}</td>", regions, StringComparison.Ordinal);

        Assert.StartsWith("```mermaid\nflowchart LR", Text(Cell(executed, "flowchart LR"), "text/markdown"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WaysToRun))]
    public void Monthly_revenue_binds_the_year_and_times_a_sql_cell(string way)
    {
        var (executed, warehouse) = Run("monthly_revenue.ipynb", way);

        var year = Stdout(Cell(executed, "#!share --from wh monthly"));
        Assert.Equal(Scalar<decimal>(warehouse, "SELECT sum(revenue) FROM gold.gld_revenue_summary WHERE year(month) = 2024").ToString("F2", Invariant), Line(year, "Revenue in 2024: "));
        Assert.Equal(Scalar<string>(warehouse, "SELECT strftime(month, '%Y-%m') || ' (' || revenue::VARCHAR || ')' FROM gold.gld_revenue_summary WHERE year(month) = 2024 ORDER BY revenue DESC LIMIT 1"),
            Line(year, "Best month: "));
        Assert.Equal(Scalar<long>(warehouse, "SELECT count(retention_rate) FROM gold.gld_revenue_summary WHERE year(month) = 2024").ToString(Invariant), Line(year, "Months with a retention rate: "));

        var timed = Cell(executed, "GROUP BY year(month)");
        Assert.StartsWith("Wall time: ", Stdout(timed), StringComparison.Ordinal);
        Assert.Contains($"{Scalar<long>(warehouse, "SELECT count(DISTINCT year(month)) FROM gold.gld_revenue_summary")} rows", Plain(timed), StringComparison.Ordinal);

        var frame = Cell(executed, "monthly.ToFrame()");
        Assert.Equal("12 months of 2024", Stdout(frame).Trim());
        Assert.Contains("class=\"mallard-table\"", Html(frame), StringComparison.Ordinal);
    }

    private (ExecutedNotebook Executed, string Warehouse) Run(string file, string way)
    {
        var run = way == "runner" ? fixture.RunCorpusWithRunner(file) : fixture.RunCorpusWithNbclient(file);
        var executed = run.Executed();
        Assert.Empty(executed.Errors);
        return (executed, run.Warehouse);
    }

    private static T Scalar<T>(string warehouse, string sql, IReadOnlyDictionary<string, object?>? parameters = null) =>
        AnalysisFixture.Scalar(warehouse, sql, parameters) is T value ? value : throw new Xunit.Sdk.XunitException($"{sql} gave no {typeof(T).Name}.");

    private static HashSet<string> KernelNames(JsonNode kernelInfo) =>
        [.. kernelInfo["items"]!.AsArray().Select(i => (string?)i!["name"]).OfType<string>()];

    /// <summary>The one code cell whose text holds <paramref name="snippet"/>.</summary>
    private static JsonElement Cell(ExecutedNotebook executed, string snippet)
    {
        var cells = executed.CodeCells.Where(c => Source(c).Contains(snippet, StringComparison.Ordinal)).ToList();
        Assert.True(cells.Count == 1, $"{cells.Count} code cells hold '{snippet}'.");
        return cells[0];
    }

    private static string Source(JsonElement cell) => Join(cell.GetProperty("source"));

    private static string Stdout(JsonElement cell) => string.Concat(cell.GetProperty("outputs").EnumerateArray()
        .Where(o => o.GetProperty("output_type").GetString() == "stream" && o.GetProperty("name").GetString() == "stdout")
        .Select(o => Join(o.GetProperty("text"))));

    private static string Text(JsonElement cell, string mime) => string.Join("\n", cell.GetProperty("outputs").EnumerateArray()
        .Where(o => o.TryGetProperty("data", out var data) && data.TryGetProperty(mime, out _))
        .Select(o => Join(o.GetProperty("data").GetProperty(mime))));

    private static string Plain(JsonElement cell) => Text(cell, "text/plain");

    private static string Html(JsonElement cell) => Text(cell, "text/html");

    /// <summary>The rest of the line of <paramref name="text"/> that starts with <paramref name="prefix"/>.</summary>
    private static string Line(string text, string prefix)
    {
        var line = text.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(line is not null, $"No line starts with '{prefix}' in:\n{text}");
        return line[prefix.Length..];
    }

    /// <summary>The value of a one-row, one-column table's text: the line after the column's name, type and rule.</summary>
    private static long SingleNumber(string table)
    {
        var lines = table.Split('\n');
        Assert.True(lines.Length >= 5 && lines[4].StartsWith("1 row", StringComparison.Ordinal), $"Not a one-row table:\n{table}");
        return long.Parse(lines[3].Trim(), NumberStyles.AllowThousands, Invariant);
    }

    /// <summary>
    /// What a run showed, cell by cell: its standard output, then each result's and display's plain text, without what differs from
    /// run to run (wall times, and whether a package came from the cache).
    /// </summary>
    private static List<string> Shown(ExecutedNotebook executed)
    {
        var shown = new List<string>();
        foreach (var cell in executed.CodeCells)
        {
            var stdout = string.Join('\n', Stdout(cell).Split('\n').Where(l => !l.StartsWith("Wall time: ", StringComparison.Ordinal)));
            shown.Add(stdout);
            foreach (var output in cell.GetProperty("outputs").EnumerateArray())
            {
                if (!output.TryGetProperty("data", out var data) || !data.TryGetProperty("text/plain", out var plain)) continue;
                var text = Join(plain);
                if (!text.StartsWith("Installed ", StringComparison.Ordinal)) shown.Add(text);
            }
        }
        return shown;
    }

    private static string Join(JsonElement value) => ExecutedNotebook.Join(value);
}
