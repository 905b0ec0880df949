namespace Mallard.Engine.Tests;

/// <summary>Column formats and labels from SQL cells (<c>#!sql --format --labels</c>) and from C# (<c>frame.Table()</c>).</summary>
public sealed class FormatTests
{
    private const string Segments =
        "SELECT * FROM (VALUES ('VIP', 1298, 10718.66::DECIMAL(18,2), 0.4695::DOUBLE), ('Loyal', 7, 8420.38, 0.3)) t(customer_segment, customer_id, revenue, share)";

    [Fact]
    public async Task Format_and_labels_change_what_a_sql_cell_shows_and_not_the_frame_it_keeps()
    {
        using var session = Sessions.New();
        var output = await session.RunOk("#!sql --name kept --labels --format \"revenue=currency:0, share=percent:2, customer_id=number\"\n" + Segments);
        var html = output.Results.Single().Get("text/html")!;
        Assert.Contains(">Customer segment<", html, StringComparison.Ordinal);
        Assert.Contains("title=\"customer_segment\"", html, StringComparison.Ordinal);
        Assert.Contains(">$10,719</td>", html, StringComparison.Ordinal);
        Assert.Contains(">46.95%</td>", html, StringComparison.Ordinal);
        Assert.Contains(">1,298</td>", html, StringComparison.Ordinal);
        var text = output.Results.Single().Text();
        Assert.Contains("Customer segment", text, StringComparison.Ordinal);
        Assert.Contains("30.00%", text, StringComparison.Ordinal);
        // The kept frame has the names and exact values.
        var kept = await session.RunOk("kept.ColumnNames.First() + \" \" + kept.Rows.First().Get<decimal>(\"revenue\")");
        Assert.Equal("customer_segment 10718.66", kept.Results.Single().Text().Trim());
    }

    [Fact]
    public async Task Without_options_columns_take_their_formats_from_their_names()
    {
        using var session = Sessions.New();
        var html = (await session.RunOk("#!sql\n" + Segments)).Results.Single().Get("text/html")!;
        Assert.Contains(">$10,718.66</td>", html, StringComparison.Ordinal);
        Assert.Contains(">47.0%</td>", html, StringComparison.Ordinal);
        // An id is written without thousands separators.
        Assert.Contains(">1298</td>", html, StringComparison.Ordinal);
        Assert.Contains(">customer_segment<span class=\"mt-type\">VARCHAR</span>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("revenue=dollars", "'dollars' is not a format")]
    [InlineData("revenue", "'revenue' gives no format")]
    [InlineData("revenue=percent:x", "the decimals after ':' are a whole number")]
    [InlineData("nosuch=currency", "no column 'nosuch'; its columns are customer_segment, customer_id, revenue, share")]
    [InlineData("customer_segment=currency", "Column 'customer_segment' is VARCHAR; the format currency:2 writes numbers")]
    public async Task A_bad_format_fails_the_cell_naming_the_problem_and_the_session_goes_on(string spec, string message)
    {
        using var session = Sessions.New();
        var (outcome, _) = await session.Run("#!sql --format \"" + spec + "\"\n" + Segments);
        Assert.Equal(CellErrorKind.Magic, outcome.Error!.Kind);
        Assert.Contains("--format: ", outcome.Error.Message, StringComparison.Ordinal);
        Assert.Contains(message, outcome.Error.Message, StringComparison.Ordinal);
        Assert.Contains(outcome.Error.Traceback, l => l.Contains("#!sql --format", StringComparison.Ordinal));
        Assert.Contains("42", (await session.RunOk("#!sql\nSELECT 42 AS answer")).Results.Single().Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csharp_formats_a_table_with_the_same_formats()
    {
        using var session = Sessions.New();
        await session.RunOk("#!sql --name segments --quiet\n" + Segments);
        var output = await session.RunOk("segments.Table().Currency(\"revenue\").Percent(\"share\").Id(\"customer_id\").Label(\"revenue\", \"Lifetime revenue\").Labels().Types(false)");
        var html = output.Results.Single().Get("text/html")!;
        Assert.Contains(">Lifetime revenue</th>", html, StringComparison.Ordinal);
        Assert.Contains(">Customer segment</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("mt-type", html.Replace(".mallard-table .mt-type", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(">$8,420.38</td>", html, StringComparison.Ordinal);

        var (outcome, _) = await session.Run("segments.Table().Percent(\"customer_segment\")");
        Assert.Equal(CellErrorKind.Runtime, outcome.Error!.Kind);
        Assert.Contains("Column 'customer_segment' is VARCHAR", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prose_and_cards_write_figures_as_the_tables_do()
    {
        using var session = Sessions.New();
        var output = await session.RunOk("ValueFormat.Currency().Format(10718.665m) + \" \" + ValueFormat.Percent().Format(0.4695) + \" \" + ValueFormat.Parse(\"month\").Format(new DateOnly(2025, 7, 1))");
        Assert.Equal("$10,718.67 47.0% Jul 2025", output.Results.Single().Text().Trim().Trim('"'));
    }

    [Fact]
    public async Task A_chart_of_a_value_that_is_no_table_names_its_type_in_plain_english()
    {
        using var session = Sessions.New();
        await session.RunOk("var count = 5; var ids = new uint[] { 1 };");
        var (outcome, _) = await session.Run("#!chart bar --data count --x a --y b");
        Assert.Contains("--data count is an int, not a Frame", outcome.Error!.Message, StringComparison.Ordinal);
        (outcome, _) = await session.Run("#!chart bar --data ids --x a --y b");
        Assert.Contains("--data ids is a uint[], not a Frame", outcome.Error!.Message, StringComparison.Ordinal);
    }
}
