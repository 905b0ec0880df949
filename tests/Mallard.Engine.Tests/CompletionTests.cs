namespace Mallard.Engine.Tests;

public sealed class CompletionTests
{
    private static async Task<CompletionResult> CompleteAt(Session session, string codeWithCaret)
    {
        var position = codeWithCaret.IndexOf('|', StringComparison.Ordinal);
        var code = codeWithCaret.Remove(position, 1);
        return await session.CompleteAsync(code, position);
    }

    [Fact]
    public async Task Members_after_a_dot_come_with_their_kinds()
    {
        using var session = Sessions.New();
        var result = await CompleteAt(session, "var s = \"abc\";\ns.Len|");
        var length = Assert.Single(result.Items, i => i.Text == "Length");
        Assert.Equal("property", length.Kind);
        Assert.Equal("s.Len".Length + "var s = \"abc\";\n".Length - 3, result.Start);
        var methods = await CompleteAt(session, "\"abc\".To|");
        Assert.Contains(methods.Items, i => i.Text == "ToUpperInvariant" && i.Kind == "method");
    }

    [Fact]
    public async Task Variables_from_earlier_cells_types_and_namespaces_complete()
    {
        using var session = Sessions.New();
        await session.RunOk("var revenueByMonth = 12;\nclass RevenueModel { public int Total { get; set; } }");
        var variables = await CompleteAt(session, "reven|");
        Assert.Contains(variables.Items, i => i.Text == "revenueByMonth" && i.Kind == "variable");
        var types = await CompleteAt(session, "new RevenueModel().|");
        Assert.Contains(types.Items, i => i.Text == "Total" && i.Kind == "property");
        var namespaces = await CompleteAt(session, "System.Collections.Gen|");
        Assert.Contains(namespaces.Items, i => i.Text == "Generic" && i.Kind == "namespace");
        var statics = await CompleteAt(session, "Math.Ma|");
        Assert.Contains(statics.Items, i => i.Text == "Max" && i.Kind == "method");
        var globals = await CompleteAt(session, "query|");
        Assert.Contains(globals.Items, i => i.Text == "query_df");
    }

    [Fact]
    public async Task Frames_from_sql_cells_complete_with_their_members()
    {
        using var session = Sessions.New();
        await session.RunOk("#!sql --name sales --quiet\nSELECT 1 AS amount");
        var result = await CompleteAt(session, "sales.RowC|");
        Assert.Contains(result.Items, i => i.Text == "RowCount");
    }

    [Fact]
    public async Task Sql_completes_keywords_tables_and_columns_from_duckdb()
    {
        using var session = Sessions.New(CellLanguage.Sql);
        await session.RunOk("CREATE TABLE customer_orders(order_id INTEGER, order_total DOUBLE);");
        var keyword = await CompleteAt(session, "SEL|");
        Assert.Contains(keyword.Items, i => i.Text.Equals("SELECT", StringComparison.OrdinalIgnoreCase) && i.Kind == "keyword");
        var table = await CompleteAt(session, "#!sql\nSELECT * FROM customer_o|");
        var item = Assert.Single(table.Items, i => i.Text == "customer_orders");
        Assert.Equal("table", item.Kind);
        Assert.Equal("#!sql\nSELECT * FROM ".Length, table.Start);
        var column = await CompleteAt(session, "SELECT order_t|");
        Assert.Contains(column.Items, i => i.Text == "order_total" && i.Kind == "column");
    }

    [Fact]
    public async Task Sql_offers_tables_as_they_must_be_written_and_the_columns_of_the_statements_tables_and_aliases()
    {
        using var session = Sessions.New(CellLanguage.Sql);
        await session.RunOk("CREATE SCHEMA gold; CREATE TABLE gold.gld_customer_analytics(customer_id INTEGER, lifetime_value DECIMAL(18,2), customer_segment VARCHAR);"
            + " CREATE SCHEMA silver; CREATE TABLE silver.slv_customers(customer_id INTEGER); CREATE TABLE orders(order_id INTEGER, amount DOUBLE);");
        static List<string> Texts(CompletionResult r) => [.. r.Items.Select(i => i.Text)];

        // Outside the current schema a table comes qualified, and only what matches.
        var unqualified = await CompleteAt(session, "SELECT * FROM gld_cu|");
        Assert.Equal("gold.gld_customer_analytics", unqualified.Items[0].Text);
        Assert.DoesNotContain("silver.slv_customers", Texts(unqualified));
        Assert.Equal(["gold.gld_customer_analytics"], Texts(unqualified));
        Assert.Equal("SELECT * FROM ".Length, unqualified.Start);
        // After "gold." only gold's tables, replacing what follows the dot: no keywords, no punctuation, no other schema.
        var inSchema = await CompleteAt(session, "SELECT * FROM gold.gld_cu|");
        Assert.Equal(["gld_customer_analytics"], Texts(inSchema));
        Assert.Equal("SELECT * FROM gold.".Length, inSchema.Start);
        var wholeSchema = await CompleteAt(session, "SELECT * FROM gold.|");
        Assert.Equal(["gld_customer_analytics"], Texts(wholeSchema));
        // Tables before keywords after FROM; a schema's name finds its tables.
        var afterFrom = await CompleteAt(session, "SELECT * FROM |");
        Assert.Equal(["orders", "gold.gld_customer_analytics", "silver.slv_customers"], Texts(afterFrom).Take(3));
        var bySchema = Texts(await CompleteAt(session, "SELECT * FROM gol|"));
        Assert.Equal("gold.gld_customer_analytics", bySchema[0]);
        Assert.DoesNotContain("silver.slv_customers", bySchema);
        // An alias (named after the cursor too) gives its table's columns, in the table's order.
        var alias = await CompleteAt(session, "SELECT c.| FROM gold.gld_customer_analytics AS c");
        Assert.Equal(["customer_id", "lifetime_value", "customer_segment"], Texts(alias));
        Assert.Equal("SELECT c.".Length, alias.Start);
        Assert.Equal(["lifetime_value"], Texts(await CompleteAt(session, "SELECT c.life| FROM gold.gld_customer_analytics c")));
        var joined = await CompleteAt(session, "SELECT o.| FROM orders o JOIN gold.gld_customer_analytics c ON c.customer_id = o.order_id");
        Assert.Equal(["order_id", "amount"], Texts(joined));
        Assert.Equal(["customer_segment"], Texts(await CompleteAt(session, "SELECT gld_customer_analytics.customer_s| FROM gold.gld_customer_analytics")));
        // Columns of the statement's tables come before keywords and functions.
        var columns = await CompleteAt(session, "SELECT | FROM orders");
        Assert.Equal(["order_id", "amount"], Texts(columns).Take(2));
        Assert.Equal("column", columns.Items[0].Kind);
        // In a comma list after FROM, tables again; a frame of the session counts as one.
        await session.RunOk("#!sql --name recent_orders --quiet\nSELECT 1 AS x");
        var list = await CompleteAt(session, "SELECT * FROM orders, rec|");
        Assert.Contains(list.Items, i => i.Text == "recent_orders" && i.Kind == "frame");
    }

    [Fact]
    public async Task Magics_and_their_options_complete()
    {
        using var session = Sessions.New();
        var magics = await CompleteAt(session, "#!sc|");
        Assert.Equal(["#!schema"], magics.Items.Select(i => i.Text));
        var options = await CompleteAt(session, "#!sql --li|\nSELECT 1");
        Assert.Equal(["--limit"], options.Items.Select(i => i.Text));
        var kinds = await CompleteAt(session, "#!chart |");
        Assert.Contains(kinds.Items, i => i.Text == "heatmap");
    }

    [Fact]
    public async Task Inspection_shows_a_signature_and_documentation_and_sql_table_columns()
    {
        using var session = Sessions.New();
        var method = await session.InspectAsync("Math.Max(1, 2)", 6);
        Assert.True(method.Found);
        Assert.Contains("Math.Max(", method.Data.Text());
        var own = await session.InspectAsync("query_df(null!, \"\")", 3);
        Assert.True(own.Found);
        Assert.Contains("Frame", own.Data.Text());
        Assert.Contains("Runs", own.Data.Text());
        await session.RunOk("#!sql\nCREATE TABLE inspected(id INTEGER NOT NULL, label VARCHAR)");
        var table = await session.InspectAsync("#!sql\nSELECT * FROM inspected", "#!sql\nSELECT * FROM insp".Length);
        Assert.True(table.Found);
        Assert.Contains("id INTEGER NOT NULL", table.Data.Text());
        Assert.Contains("label VARCHAR", table.Data.Text());
    }

    [Theory]
    [InlineData("var x = 1;", InputCompleteness.Complete)]
    [InlineData("if (true) {", InputCompleteness.Incomplete)]
    [InlineData("#!sql\nSELECT 1", InputCompleteness.Incomplete)]
    [InlineData("#!sql\nSELECT 1;", InputCompleteness.Complete)]
    [InlineData("#!sql\nSELECT ';' ", InputCompleteness.Incomplete)]
    [InlineData("#!sql\nSELECT 1; -- done", InputCompleteness.Complete)]
    [InlineData("#!tables", InputCompleteness.Complete)]
    [InlineData("#!sql --name x", InputCompleteness.Incomplete)]
    [InlineData("#!time", InputCompleteness.Incomplete)]
    [InlineData("#!time\n#!sql\nSELECT 1;", InputCompleteness.Complete)]
    [InlineData("#!nonsense", InputCompleteness.Invalid)]
    public void Completeness_follows_csharp_syntax_and_sql_terminators(string code, InputCompleteness expected)
    {
        using var session = Sessions.New();
        Assert.Equal(expected, session.IsComplete(code));
    }
}
