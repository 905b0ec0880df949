namespace Mallard.Repl.Tests;

/// <summary>The REPL in a real terminal (tmux): what a person typing sees.</summary>
public sealed class TerminalTests
{
    // capture-pane drops trailing spaces, so the prompt reads "sql>".
    private const string Prompt = "sql>";

    /// <summary>Ctrl-C stops the running line, the REPL stays, and the next line sees <c>kept</c> (<paramref name="what"/> names that wait).</summary>
    private static void InterruptAndExpectKept(Tmux tmux, string what)
    {
        tmux.Press("C-c");
        tmux.WaitFor(s => s.Contains("Interrupted", StringComparison.Ordinal) && Tmux.LastLine(s) == "c#>", "the prompt after Ctrl-C");
        Assert.Null(tmux.ExitCode());
        tmux.Line("kept + 1");
        tmux.WaitFor(s => s.Split('\n').Any(l => l.Trim() == "42"), what);
    }

    /// <summary>A REPL in C# mode where <c>kept</c> is 41, at its prompt.</summary>
    private static Tmux StartCSharpWithKept()
    {
        var tmux = Tmux.Start("--csharp", ":memory:");
        tmux.WaitFor("c#>");
        tmux.Line("var kept = 41;");
        tmux.WaitFor(s => s.Split('\n').Count(l => l.StartsWith("c#>", StringComparison.Ordinal)) >= 2 && Tmux.LastLine(s) == "c#>", "the prompt after the first line");
        return tmux;
    }

    private static Tmux StartWithCustomers(params string[] args)
    {
        var tmux = Tmux.Start(args.Length == 0 ? [":memory:"] : args);
        tmux.WaitFor(Prompt);
        tmux.Line("CREATE TABLE customers AS SELECT range AS customer_id, 'name ' || range AS customer_name FROM range(3);");
        tmux.WaitFor(s => Tmux.LastLine(s) == Prompt && s.Contains("1 row", StringComparison.Ordinal), "the table to be created");
        return tmux;
    }

    [Fact]
    public void A_query_prints_its_table_with_types_and_a_row_count()
    {
        using var tmux = StartWithCustomers();
        tmux.Line("SELECT customer_id, customer_name FROM customers ORDER BY 1;");
        // The footer is printed before the prompt is redrawn: wait for both.
        var screen = tmux.WaitFor(s => s.Contains("3 rows · 2 columns", StringComparison.Ordinal) && Tmux.LastLine(s) == Prompt, "the table and the prompt after it");
        Assert.Contains("customer_id  customer_name", screen);
        Assert.Contains("BIGINT  VARCHAR", screen);
        Assert.Contains("          2  name 2", screen);
    }

    [Fact]
    public void Sql_continues_over_lines_until_the_semicolon()
    {
        using var tmux = Tmux.Start(":memory:");
        tmux.WaitFor(Prompt);
        tmux.Line("SELECT 6 * 7");
        tmux.Line("  AS answer");
        var waiting = tmux.WaitFor("...>");
        Assert.DoesNotContain("1 row", waiting);
        tmux.Line(";");
        var screen = tmux.WaitFor("1 row · 1 column");
        Assert.Contains("     42", screen);
    }

    [Fact]
    public void Tab_completes_a_table_name_and_a_column()
    {
        using var tmux = StartWithCustomers();
        tmux.Type("SELECT * FROM custo");
        tmux.Press("Tab");
        tmux.WaitFor("sql> SELECT * FROM customers");
        tmux.Press("C-u");
        tmux.Type("SELECT customer_na");
        tmux.Press("Tab");
        tmux.WaitFor("sql> SELECT customer_name");
        tmux.Line(" FROM customers WHERE customer_id = 1;");
        tmux.WaitFor("name 1");
    }

    [Fact]
    public void A_warehouse_file_named_like_its_schema_opens_and_completes_its_tables()
    {
        // gold.duckdb holding a schema gold: DuckDB alone would find gold.table ambiguous.
        var directory = TestDirectories.Create("mallard-repl-gold-");
        var path = Path.Combine(directory, "gold.duckdb");
        using (var database = Mallard.DuckDb.DuckDbDatabase.Open(new Mallard.DuckDb.DuckDbDatabaseOptions { Path = path, Alias = "w" }))
        using (var connection = database.Connect())
            connection.Execute("CREATE SCHEMA gold; CREATE TABLE gold.gld_customer_analytics AS SELECT range AS customer_id FROM range(3)");
        using var tmux = Tmux.Start(path);
        tmux.WaitFor(Prompt);
        tmux.Type("SELECT count(*) AS customers FROM gold.gld_cu");
        tmux.Press("Tab");
        tmux.WaitFor("sql> SELECT count(*) AS customers FROM gold.gld_customer_analytics");
        tmux.Line(";");
        tmux.WaitFor(s => s.Split('\n').Any(l => l.Trim() == "3") && s.Contains("1 row", StringComparison.Ordinal), "the count from gold.gld_customer_analytics");
        Assert.DoesNotContain("Ambiguous", tmux.Screen(), StringComparison.Ordinal);
    }

    [Fact]
    public void Tab_completes_a_table_of_another_schema_qualified_and_an_aliases_columns()
    {
        using var tmux = Tmux.Start(":memory:");
        tmux.WaitFor(Prompt);
        tmux.Line("CREATE SCHEMA gold; CREATE TABLE gold.gld_customer_analytics AS SELECT 7 AS customer_id, 12.5 AS lifetime_value;");
        tmux.WaitFor(s => Tmux.LastLine(s) == Prompt && s.Contains("1 row", StringComparison.Ordinal), "the table to be created");
        // The only table that matches, written as it must be from the main schema.
        tmux.Type("SELECT * FROM gld_cu");
        tmux.Press("Tab");
        tmux.WaitFor("sql> SELECT * FROM gold.gld_customer_analytics");
        tmux.Press("C-u");
        // An alias's column, the alias named after the cursor: typed at the end, then completed in place.
        tmux.Type("SELECT c.lifet FROM gold.gld_customer_analytics c;");
        foreach (var _ in " FROM gold.gld_customer_analytics c;") tmux.Press("Left");
        tmux.Press("Tab");
        tmux.WaitFor("sql> SELECT c.lifetime_value FROM gold.gld_customer_analytics c;");
        tmux.Press("Enter");
        tmux.WaitFor(s => s.Split('\n').Any(l => l.Trim() == "$12.50"), "the completed query's result, written as money by its name");
    }

    [Fact]
    public void A_line_chart_is_plotted_in_the_terminal_up_to_its_newest_month()
    {
        using var tmux = Tmux.Start(":memory:");
        tmux.WaitFor(Prompt);
        tmux.Line("#!sql --name growth --quiet");
        tmux.Line("SELECT strftime(DATE '2022-01-01' + INTERVAL (i) MONTH, '%Y-%m') AS month, i * i AS customers FROM range(49) t(i);");
        tmux.WaitFor(s => Tmux.LastLine(s) == Prompt && s.Contains("t(i);", StringComparison.Ordinal), "the frame to be kept");
        tmux.Line("#!chart line --data growth --x month --y customers");
        var screen = tmux.WaitFor(s => s.Split('\n').Any(l => l.Trim().StartsWith("2022-01", StringComparison.Ordinal) && l.TrimEnd().EndsWith("2026-01", StringComparison.Ordinal)), "the plot's x axis");
        Assert.Contains("2,304 ┤", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void With_the_pager_on_a_result_larger_than_the_screen_is_shown_whole_in_less_and_a_small_one_inline()
    {
        using var tmux = Tmux.Start(":memory:");
        tmux.WaitFor(Prompt);
        tmux.Line(".pager less -SR");
        // 100 rows of two 64-character columns: taller and wider than the 110 x 40 terminal.
        tmux.Line("SELECT range AS id, repeat('x', 60) || 'END1' AS wide_one, repeat('y', 60) || 'END2' AS wide_two FROM range(100);");
        // less shows the values whole (the columns are not cut at 40 characters), and waits at its ':' prompt.
        tmux.WaitFor(s => Tmux.LastLine(s) == ":" && s.Contains("END1", StringComparison.Ordinal), "less showing the result");
        tmux.Press("G");
        tmux.WaitFor(s => s.Contains("    99  ", StringComparison.Ordinal) && s.Contains("100 rows", StringComparison.Ordinal), "the last row in less");
        tmux.Press("q");
        tmux.WaitFor(s => Tmux.LastLine(s) == Prompt, "the prompt after leaving less");
        // A result that fits is printed as usual.
        tmux.Line("SELECT 42 AS answer;");
        tmux.WaitFor(s => Tmux.LastLine(s) == Prompt && s.Contains("1 row · 1 column", StringComparison.Ordinal), "the small result inline");
        Assert.Null(tmux.ExitCode());
    }

    [Fact]
    public void History_is_recalled_in_the_next_run_with_up_and_ctrl_r()
    {
        string dataHome;
        using (var first = Tmux.Start(":memory:"))
        {
            dataHome = first.DataHome;
            first.WaitFor(Prompt);
            first.Line("SELECT 'remember me' AS note;");
            first.WaitFor("1 row · 1 column");
            first.Line("SELECT 2 AS two;");
            first.WaitFor(s => s.Contains("two", StringComparison.Ordinal) && Tmux.LastLine(s) == "sql>", "the second result");
            first.Press("C-d");
            first.WaitFor(_ => first.ExitCode() is not null, "the REPL to exit");
        }
        using var second = new Tmux(dataHome, ":memory:");
        second.WaitFor(Prompt);
        second.Press("Up");
        second.WaitFor("sql> SELECT 2 AS two;");
        second.Press("C-u", "C-r");
        second.Type("remember");
        second.WaitFor("(reverse-i-search)`remember': SELECT 'remember me' AS note;");
        second.Press("Enter");
        var screen = second.WaitFor("1 row · 1 column");
        Assert.Contains("remember me", screen);
    }

    [Fact]
    public void A_csharp_line_runs_after_the_switch_and_sees_sql_results()
    {
        using var tmux = StartWithCustomers();
        tmux.Line("#!sql --name people --quiet");
        tmux.Line("SELECT * FROM customers;");
        tmux.WaitFor(s => Tmux.LastLine(s) == "sql>", "the prompt after the stored query");
        tmux.Line("#!csharp");
        tmux.WaitFor("c#>");
        tmux.Line("people.RowCount * 100 + people.ColumnCount");
        tmux.WaitFor("302");
    }

    [Fact]
    public void Ctrl_c_interrupts_a_long_query_and_the_repl_carries_on()
    {
        using var tmux = Tmux.Start(":memory:");
        tmux.WaitFor(Prompt);
        tmux.Line("SELECT sum(a.range * b.range) FROM range(200000) a, range(200000) b;");
        tmux.WaitFor("Ctrl-C interrupts");
        tmux.Press("C-c");
        // The promise is about a second; the bound leaves room for a loaded machine.
        var screen = tmux.WaitFor(s => s.Contains("Interrupted.", StringComparison.Ordinal) && Tmux.LastLine(s) == "sql>", "the prompt after Ctrl-C", TimeSpan.FromSeconds(3));
        Assert.Null(tmux.ExitCode());
        tmux.Line("SELECT 'still here' AS alive;");
        tmux.WaitFor("still here");
    }

    [Theory]
    [InlineData("while (true) { }")]
    [InlineData("System.Threading.Thread.Sleep(Timeout.Infinite);")]
    [InlineData("long Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2); Fib(100)")]
    [InlineData("await new SemaphoreSlim(0).WaitAsync();")]
    public void Ctrl_c_stops_csharp_that_never_looks_at_a_token_and_keeps_the_variables(string code)
    {
        using var tmux = StartCSharpWithKept();
        // The line echoes "spin" + "ning"; only the output says spinning.
        tmux.Line("Console.WriteLine(\"spin\" + \"ning\"); " + code);
        tmux.WaitFor("spinning");
        InterruptAndExpectKept(tmux, "the variable from before the stopped line");
    }

    [Fact]
    public void Console_readline_in_a_cell_reads_the_typed_line_and_ctrl_c_while_it_waits_interrupts_the_cell()
    {
        using var tmux = StartCSharpWithKept();
        tmux.Line("Console.Write(\"na\" + \"me? \"); var typed = Console.ReadLine(); typed.ToUpperInvariant()");
        tmux.WaitFor(s => Tmux.LastLine(s).StartsWith("name?", StringComparison.Ordinal), "the cell's question");
        tmux.Line("duck");
        tmux.WaitFor(s => s.Split('\n').Any(l => l.Trim() == "\"DUCK\"" || l.Trim() == "DUCK"), "the typed line, upper-cased");

        // Waiting for input, the cell stops on Ctrl-C like any other; the terminal then belongs to the prompt again.
        tmux.Line("Console.Write(\"wai\" + \"ting: \"); var never = Console.ReadLine();");
        tmux.WaitFor(s => Tmux.LastLine(s).StartsWith("waiting:", StringComparison.Ordinal), "the cell waiting for input");
        InterruptAndExpectKept(tmux, "the next line, read by the prompt and not by the stopped cell");
    }

    [Fact]
    public void A_line_no_interrupt_reaches_says_so_and_a_second_ctrl_c_gives_the_prompt_back_on_a_new_session()
    {
        using var tmux = StartCSharpWithKept();
        // A regular expression's backtracking inside the framework, where no interrupt check reaches, for years.
        tmux.Line("Console.WriteLine(\"spin\" + \"ning\"); System.Text.RegularExpressions.Regex.IsMatch(new string('a', 60) + \"!\", \"^(a|aa)+$\")");
        tmux.WaitFor("spinning");
        tmux.Press("C-c");
        tmux.WaitFor("Press Ctrl-C again to abandon it");
        tmux.Press("C-c");
        tmux.WaitFor(s => s.Contains("Abandoned", StringComparison.Ordinal) && Tmux.LastLine(s) == "c#>", "the prompt after the second Ctrl-C");
        Assert.Null(tmux.ExitCode());
        tmux.Line("\"fresh \" + (6 * 7)");
        tmux.WaitFor("fresh 42");
        tmux.Line("kept");
        tmux.WaitFor("CS0103");
    }

    [Fact]
    public void Mode_box_draws_results_as_the_duckdb_command_line_does()
    {
        using var tmux = Tmux.Start(":memory:");
        tmux.WaitFor(Prompt);
        tmux.Line(".mode box");
        tmux.Line("SELECT 42 AS answer, 'duck' AS bird;");
        var screen = tmux.WaitFor("└");
        // Each column as wide as its widest of name, type and values (INTEGER, VARCHAR); numbers to the right.
        Assert.Contains("┌─────────┬─────────┐", screen, StringComparison.Ordinal);
        Assert.Contains("│  answer │ bird    │", screen, StringComparison.Ordinal);
        Assert.Contains("│      42 │ duck    │", screen, StringComparison.Ordinal);
        Assert.Contains("└─────────┴─────────┘", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Last_shows_the_last_result_again_in_the_new_mode_without_running_the_query_again()
    {
        using var tmux = Tmux.Start(":memory:");
        tmux.WaitFor(Prompt);
        tmux.Line(".last");
        tmux.WaitFor(".last: no result has been shown yet.");
        // A sequence shows whether the query ran again: it would say 2.
        tmux.Line("CREATE SEQUENCE s; SELECT nextval('s') AS n, 'duck' AS bird;");
        tmux.WaitFor(s => s.Contains("1 row", StringComparison.Ordinal) && Tmux.LastLine(s) == Prompt, "the first result");
        tmux.Line(".mode box");
        tmux.Line(".last");
        var screen = tmux.WaitFor("└");
        Assert.Contains("│      1 │ duck    │", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("│      2 │", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctrl_c_at_the_prompt_abandons_the_line_and_ctrl_d_exits_cleanly()
    {
        using var tmux = Tmux.Start(":memory:");
        tmux.WaitFor(Prompt);
        tmux.Type("SELECT 'abandoned'");
        tmux.Press("C-c");
        tmux.WaitFor("^C");
        Assert.Null(tmux.ExitCode());
        tmux.Press("C-d");
        tmux.WaitFor(_ => tmux.ExitCode() is not null, "the REPL to exit");
        Assert.Equal(0, tmux.ExitCode());
    }

    [Fact]
    public void Sql_is_coloured_as_it_is_typed()
    {
        using var tmux = Tmux.Start(":memory:");
        tmux.WaitFor(Prompt);
        tmux.Type("SELECT 'text' AS t, 42 AS n -- note");
        tmux.WaitFor("-- note");
        var screen = tmux.ColouredScreen();
        // tmux writes its own sequences for the colours it shows: keywords blue (34), strings green (32), numbers cyan (36), comments grey (90).
        Assert.Matches(@"\u001b\[[0-9;]*34m\u001b?\[?[0-9;]*m?SELECT", screen);
        Assert.Matches(@"\u001b\[[0-9;]*32m'text'", screen);
        Assert.Matches(@"\u001b\[[0-9;]*36m42", screen);
        Assert.Matches(@"\u001b\[[0-9;]*90m-- note", screen);
    }
}
