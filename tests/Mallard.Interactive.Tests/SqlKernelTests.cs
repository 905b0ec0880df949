using Mallard.Data;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting.TabularData;

namespace Mallard.Interactive.Tests;

/// <summary>The warehouse's SQL kernel and the C# helpers, in a composite kernel with .NET Interactive's own C# kernel.</summary>
[Collection(InteractiveCollection.Name)]
public sealed class SqlKernelTests(InteractiveFixture fixture)
{
    [Fact]
    public async Task A_sql_cell_shows_its_last_result_as_a_mallard_table()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        var result = await kernel.RunAsync("#!sql\nCREATE TEMP TABLE t AS SELECT 1 AS x;\nSELECT count(*) AS customers FROM gold.gld_customer_analytics");

        var shown = Assert.Single(result.Events.OfType<ReturnValueProduced>());
        var expected = TestKernel.Scalar<long>(fixture.Warehouse, "SELECT count(*) FROM gold.gld_customer_analytics");
        var html = TestKernel.Formatted(shown, "text/html").Value;
        Assert.Contains("<table", html, StringComparison.Ordinal);
        Assert.Contains(">customers<", html, StringComparison.Ordinal);
        Assert.Contains(expected.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), html, StringComparison.Ordinal);
        Assert.Contains("customers", TestKernel.Formatted(shown, "text/plain").Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_warehouse_kernel_also_answers_to_warehouse_and_is_read_only()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        await kernel.RunAsync("#!warehouse --name one --quiet\nSELECT 1 AS one");
        Assert.Equal(1, await kernel.ValueAsync<int>("one.RowCount"));
        await kernel.RunAsync("#!sql-warehouse --limit 1\nSELECT 1 AS one");
        var message = await kernel.FailAsync("#!sql\nCREATE TABLE gold.scratch AS SELECT 1 AS x");
        Assert.Contains("read-only", message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_named_result_becomes_a_frame_in_csharp()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        var result = await kernel.RunAsync("#!sql --name segments --quiet\nSELECT customer_segment, count(*) AS n FROM gold.gld_customer_analytics GROUP BY 1 ORDER BY 1");
        Assert.Empty(result.Events.OfType<ReturnValueProduced>());

        var rows = await kernel.ValueAsync<int>("segments.RowCount");
        var expected = TestKernel.Scalar<int>(fixture.Warehouse, "SELECT count(DISTINCT customer_segment) FROM gold.gld_customer_analytics");
        Assert.Equal(expected, rows);
        var total = await kernel.ValueAsync<long>("segments.Rows.Sum(r => r.Get<long>(\"n\"))");
        Assert.Equal(TestKernel.Scalar<long>(fixture.Warehouse, "SELECT count(*) FROM gold.gld_customer_analytics"), total);
    }

    [Fact]
    public async Task Csharp_values_reach_sql_as_bound_parameters_and_lists_of_records_as_tables()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        await kernel.RunAsync("var country = \"US\"; record Rank(string Name, int Position); var order = new List<Rank> { new(\"VIP\", 1), new(\"Loyal\", 2) };");
        await kernel.RunAsync("#!sql --name us --quiet\nSELECT count(*) AS n FROM gold.gld_customer_analytics WHERE country_code = $country");
        Assert.Equal(
            TestKernel.Scalar<long>(fixture.Warehouse, "SELECT count(*) FROM gold.gld_customer_analytics WHERE country_code = 'US'"),
            await kernel.ValueAsync<long>("us.Rows.First().Get<long>(\"n\")"));

        // A value that would break SQL if spliced stays a value.
        await kernel.RunAsync("country = \"US' OR '1'='1\";");
        await kernel.RunAsync("#!sql --name injected --quiet\nSELECT count(*) AS n FROM gold.gld_customer_analytics WHERE country_code = $country");
        Assert.Equal(0L, await kernel.ValueAsync<long>("injected.Rows.First().Get<long>(\"n\")"));

        await kernel.RunAsync("#!sql --name ranked --quiet\nSELECT o.Position, o.Name FROM \"order\" o ORDER BY o.Position");
        Assert.Equal("VIP,Loyal", await kernel.ValueAsync<string>("string.Join(\",\", ranked.Rows.Select(r => r.Get<string>(\"Name\")))"));
    }

    [Fact]
    public async Task A_parameter_no_kernel_knows_is_an_error_naming_it()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        var message = await kernel.FailAsync("#!sql\nSELECT $nowhere AS x");
        Assert.Contains("nowhere", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sql_error_shows_duckdbs_message_with_the_line_of_the_cell()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        var message = await kernel.FailAsync("#!sql\nSELECT customer_id,\n       no_such_column\nFROM gold.gld_customer_analytics");
        Assert.Contains("no_such_column", message, StringComparison.Ordinal);
        Assert.Contains("line 3", message, StringComparison.OrdinalIgnoreCase);
        // The kernel keeps working.
        await kernel.RunAsync("#!sql\nSELECT 1 AS still_here");
    }

    [Fact]
    public async Task Csharp_cells_have_connect_and_query_df_and_display_mallard_values()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        var result = await kernel.RunAsync("""
            var con = connect();
            var vip = query_df(con, "SELECT count(*) AS n FROM gold.gld_customer_analytics WHERE customer_segment = $segment", new { segment = "VIP" });
            display(vip);
            vip.Rows.First().Get<long>("n")
            """);
        var displayed = Assert.Single(result.Events.OfType<DisplayedValueProduced>());
        Assert.Contains("<table", TestKernel.Formatted(displayed, "text/html").Value, StringComparison.Ordinal);
        var value = Assert.Single(result.Events.OfType<ReturnValueProduced>()).Value;
        Assert.Equal(TestKernel.Scalar<long>(fixture.Warehouse, "SELECT count(*) FROM gold.gld_customer_analytics WHERE customer_segment = 'VIP'"), value);
    }

    [Fact]
    public async Task Charts_show_as_plotly_figures_with_an_html_form_and_kpi_cards_as_html()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        await kernel.RunAsync("#!sql --name mix --quiet\nSELECT customer_segment, count(*) AS customers FROM gold.gld_customer_analytics GROUP BY 1 ORDER BY 2 DESC");
        var chart = Assert.Single((await kernel.RunAsync("Chart.Bar(mix, \"customer_segment\", \"customers\", title: \"Customers by Segment\")")).Events.OfType<ReturnValueProduced>());
        var json = System.Text.Json.JsonDocument.Parse(TestKernel.Formatted(chart, "application/vnd.plotly.v1+json").Value).RootElement;
        var ys = json.GetProperty("data")[0].GetProperty("y").EnumerateArray().Select(y => y.GetInt64()).ToList();
        Assert.Equal(TestKernel.Scalar<long>(fixture.Warehouse, "SELECT count(*) FROM gold.gld_customer_analytics"), ys.Sum());
        Assert.Contains("Customers by Segment", TestKernel.Formatted(chart, "text/html").Value, StringComparison.Ordinal);

        var cards = Assert.Single((await kernel.RunAsync("new KpiCards(KpiCard.FromFrame(mix, \"customers\", \"Largest segment\"))")).Events.OfType<ReturnValueProduced>());
        Assert.Contains("Largest segment", TestKernel.Formatted(cards, "text/html").Value, StringComparison.Ordinal);
        var markdown = Assert.Single((await kernel.RunAsync("new Markdown(\"**bold** words\")")).Events.OfType<ReturnValueProduced>());
        Assert.Equal("**bold** words", TestKernel.Formatted(markdown, "text/markdown").Value);
    }

    [Fact]
    public async Task Loading_twice_adds_nothing()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        await MallardInteractive.LoadAsync(kernel.Root, new MallardInteractiveOptions { WarehousePath = fixture.Warehouse });
        Assert.Single(kernel.Root.ChildKernels.OfType<MallardSqlKernel>());
    }

    [Fact]
    public async Task A_shared_result_is_polyglots_list_of_tables_and_one_call_from_a_frame()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        await kernel.RunAsync("#!sql --name top --quiet\nSELECT customer_id, lifetime_value FROM gold.gld_customer_analytics ORDER BY lifetime_value DESC, customer_id LIMIT 3");
        await kernel.RunAsync("#!share --from sql top --as shared");
        Assert.Equal(3, await kernel.ValueAsync<int>("shared.Single().Data.Count()"));
        var frame = await kernel.ValueAsync<Frame>("shared.ToFrame()");
        Assert.Equal(["customer_id", "lifetime_value"], frame.ColumnNames);
        Assert.Equal(DataKind.Decimal, frame["lifetime_value"].Type.Kind);
        Assert.IsType<List<TabularDataResource>>(await kernel.ValueAsync<object>("shared"));
    }
}
