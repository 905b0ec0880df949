using Mallard.Data;
using Microsoft.DotNet.Interactive.Formatting.TabularData;

namespace Mallard.Engine.Tests;

/// <summary>
/// Polyglot Notebooks' magics in a Mallard session, as Polyglot notebooks write them: #!connect with --kernel-name, cells
/// addressed #!NAME and #!sql-NAME, #!set, #!share, #!value, #!html, #!markdown, @name parameters, other languages.
/// </summary>
public sealed class PolyglotMagicTests : IDisposable
{
    private readonly string _folder = TestDirectories.Create("mallard-polyglot-magics-");

    [Fact]
    public async Task A_duckdb_connection_in_polyglots_form_is_addressed_by_its_kernel_name_in_both_forms()
    {
        using var session = Sessions.New(workingDirectory: _folder);
        var connected = await session.RunOk("#!connect duckdb --kernel-name wh \"Data Source=wh.duckdb\"");
        Assert.Contains("Cells that start with #!wh (or #!sql-wh) run on it", connected.Stdout, StringComparison.Ordinal);
        await session.RunOk("#!wh\nCREATE TABLE birds AS SELECT * FROM (VALUES ('teal', 3), ('wigeon', 5)) t(name, count);");
        var shown = await session.RunOk("#!wh\nSELECT name FROM birds ORDER BY count DESC");
        Assert.Contains("wigeon", shown.Results.Single().Text(), StringComparison.Ordinal);
        await session.RunOk("#!sql-wh --name total --quiet\nSELECT sum(count) AS total FROM birds");
        Assert.Equal("8", (session.Variables.Single(v => v.Name == "total").Value as Frame)?.GetRow(0)[0]?.ToString());
        Assert.True(File.Exists(Path.Combine(_folder, "wh.duckdb")));

        // Polyglot's form leaves the current connection as it was: plain #!sql cells still run on it.
        var current = await session.RunOk("#!sql\nSELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'birds'");
        Assert.Contains("0", current.Results.Single().Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connection_string_may_be_given_with_its_option_or_from_a_variable_and_read_only_holds()
    {
        using (var setup = Sessions.New(workingDirectory: _folder))
        {
            await setup.RunOk("#!connect duckdb --name make made.duckdb");
            await setup.RunOk("#!sql --connection make\nCREATE TABLE t AS SELECT 42 AS answer");
        }
        using var session = Sessions.New(workingDirectory: _folder);
        await session.RunOk("var cs = \"Data Source=made.duckdb;Read Only=true\";");
        await session.RunOk("#!connect duckdb --kernel-name ro @csharp:cs");
        var answer = await session.RunOk("#!ro\nSELECT answer FROM t");
        Assert.Contains("42", answer.Results.Single().Text(), StringComparison.Ordinal);
        var (refused, _) = await session.Run("#!ro\nCREATE TABLE u AS SELECT 1");
        Assert.Equal(CellStatus.Error, refused.Status);
        Assert.Contains("read-only", refused.Error!.Message, StringComparison.OrdinalIgnoreCase);

        await session.RunOk("#!connect duckdb --kernel-name again --connection-string \"Data Source=made.duckdb;ACCESS_MODE=READ_ONLY\"");
        Assert.Contains("42", (await session.RunOk("#!sql-again\nSELECT answer FROM t")).Results.Single().Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#!connect duckdb --kernel-name x --name y :memory:", "--name and --kernel-name both name the connection")]
    [InlineData("#!connect duckdb --kernel-name x \"Data Source=a.duckdb\" --connection-string \"Data Source=b.duckdb\"", "The target is given twice")]
    [InlineData("#!connect duckdb --kernel-name x @csharp:nothing", "@csharp:nothing names no variable")]
    [InlineData("#!connect duckdb --kernel-name sql :memory:", "'sql' is the name of a magic")]
    [InlineData("#!connect duckdb --kernel-name x \"Data Source=f.duckdb;Read Only=maybe\"", "Read Only value 'maybe' is not true or false")]
    [InlineData("#!connect duckdb --kernel-name x \"Threads=2\"", "names no database")]
    public async Task Bad_polyglot_connects_say_what_is_wrong(string cell, string problem)
    {
        using var session = Sessions.New(workingDirectory: _folder);
        var (outcome, _) = await session.Run(cell);
        Assert.Equal(CellErrorKind.Magic, outcome.Error?.Kind);
        Assert.Contains(problem, outcome.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_gives_text_variables_and_input_and_sql_cells_bind_them_as_parameters()
    {
        using var session = Sessions.New(workingDirectory: _folder);
        await session.RunOk("#!connect duckdb --kernel-name db :memory:");
        await session.RunOk("var limit = 2;");
        // #!set in the SQL cell, between the cell's magic and its SQL, as Polyglot writes it; @name as Polyglot's SQL kernels bind.
        var rows = await session.RunOk("#!db\n#!set --name lim --value @csharp:limit\nSELECT * FROM range(10) LIMIT @lim");
        Assert.Contains("2 rows", rows.Results.Single().Text(), StringComparison.Ordinal);

        await session.RunOk("#!set --name who --value \"O'Brien\"");
        var quoted = await session.RunOk("#!db\nSELECT @who AS who, $who = 'O''Brien' AS same");
        Assert.Contains("O'Brien", quoted.Results.Single().Text(), StringComparison.Ordinal);
        Assert.Contains("true", quoted.Results.Single().Text(), StringComparison.Ordinal);

        // @ elsewhere keeps DuckDB's meaning (absolute value).
        var absolute = await session.RunOk("#!db\nSELECT @(-5) AS five");
        Assert.Contains("5", absolute.Results.Single().Text(), StringComparison.Ordinal);

        var asked = new RecordingOutput().WithInput("typed by the user");
        var (outcome, output) = await session.Run("#!set --name answer --value @input:\"Your answer?\"\nanswer.ToUpperInvariant()", asked);
        Assert.True(outcome.Succeeded, outcome.Error?.Message);
        Assert.Equal(["Your answer?"], output.Prompts);
        Assert.Equal("TYPED BY THE USER", output.Results.Single().Text().Trim('"'));
    }

    [Fact]
    public async Task Share_from_a_sql_kernel_gives_polyglots_list_of_tables_which_converts_back_to_the_frame()
    {
        using var session = Sessions.New(workingDirectory: _folder);
        await session.RunOk("#!connect duckdb --kernel-name db :memory:");
        await session.RunOk("#!db --name result --quiet\nSELECT 'teal' AS name, 3 AS count UNION ALL SELECT 'wigeon', 5");
        await session.RunOk("#!share --from sql-db result --as shared");
        var shared = Assert.IsType<List<TabularDataResource>>(session.Variables.Single(v => v.Name == "shared").Value);
        Assert.Equal(2, shared.Single().Data.Count());
        var back = await session.RunOk("shared.ToFrame().RowCount");
        Assert.Equal("2", back.Results.Single().Text());
        // Code written for Polyglot reads the rows as key/value pairs.
        var polyglot = await session.RunOk("shared[0].Data.Select(row => row.First(kv => kv.Key == \"name\").Value).Last()");
        Assert.Contains("wigeon", polyglot.Results.Single().Text(), StringComparison.Ordinal);
        // From C#, a value is shared as it is.
        await session.RunOk("var n = 7;");
        await session.RunOk("#!share --from csharp n --as m");
        Assert.Equal(7, session.Variables.Single(v => v.Name == "m").Value);
    }

    [Fact]
    public async Task Value_html_and_markdown_cells_do_what_polyglots_do()
    {
        using var session = Sessions.New(workingDirectory: _folder);
        await session.RunOk("#!value --name csv\nname,count\nteal,3");
        Assert.Equal("name,count\nteal,3", session.Variables.Single(v => v.Name == "csv").Value);
        await File.WriteAllTextAsync(Path.Combine(_folder, "config.json"), "{\"a\": 1}");
        await session.RunOk("#!value --name json --from-file config.json");
        Assert.Equal("{\"a\": 1}", session.Variables.Single(v => v.Name == "json").Value);

        var html = await session.RunOk("#!html\n<b>bold</b>");
        Assert.Equal("<b>bold</b>", html.Shown.Single().Get("text/html"));
        var markdown = await session.RunOk("#!markdown\n# Title");
        Assert.Equal("# Title", markdown.Shown.Single().Get("text/markdown"));
        var mermaid = await session.RunOk("#!mermaid\ngraph TD; A-->B");
        Assert.Contains("```mermaid", mermaid.Shown.Single().Get("text/markdown"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Value_shows_what_it_keeps_as_its_mime_type_says_and_reads_urls()
    {
        using var session = Sessions.New(workingDirectory: _folder);
        var plain = await session.RunOk("#!value --name note\nhello");
        Assert.Equal("hello", plain.Shown.Single().Get("text/plain"));
        var html = await session.RunOk("#!value --name card --mime-type text/html\n<b>card</b>");
        Assert.Equal("<b>card</b>", html.Shown.Single().Get("text/html"));

        // A real HTTP server on this machine: the URL's text and its content type.
        using var server = new System.Net.HttpListener();
        var free = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        free.Start();
        var port = ((System.Net.IPEndPoint)free.LocalEndpoint).Port;
        free.Stop();
        var prefix = $"http://127.0.0.1:{port}/";
        server.Prefixes.Add(prefix);
        server.Start();
        var serving = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                var request = await server.GetContextAsync();
                var found = request.Request.Url!.AbsolutePath == "/data.json";
                request.Response.StatusCode = found ? 200 : 404;
                request.Response.ContentType = "application/json";
                var body = System.Text.Encoding.UTF8.GetBytes(found ? "{\"teal\": 3}" : "{}");
                await request.Response.OutputStream.WriteAsync(body);
                request.Response.Close();
            }
        });
        var fetched = await session.RunOk($"#!value --name data --from-url {prefix}data.json");
        Assert.Equal("{\"teal\": 3}", session.Variables.Single(v => v.Name == "data").Value);
        Assert.Equal("{\"teal\": 3}", fetched.Shown.Single().Get("application/json"));
        var (missing, _) = await session.Run($"#!value --name gone --from-url {prefix}gone.json");
        Assert.Contains("answered 404", missing.Error!.Message, StringComparison.Ordinal);
        await serving.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Polyglots_whos_lsmagic_and_about_answer()
    {
        using var session = Sessions.New(workingDirectory: _folder);
        await session.RunOk("var teal = 3;");
        Assert.Contains("teal", (await session.RunOk("#!whos")).Shown.Single().Text(), StringComparison.Ordinal);
        Assert.Contains("#!who  (also #!whos)", (await session.RunOk("#!lsmagic")).Stdout, StringComparison.Ordinal);
        var about = (await session.RunOk("#!about")).Stdout;
        Assert.Contains("Mallard ", about, StringComparison.Ordinal);
        Assert.Contains("DuckDB v1.", about, StringComparison.Ordinal);
        Assert.Contains(".NET 10", about, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#!fsharp\nlet x = 1", "F#")]
    [InlineData("#!pwsh\nGet-Date", "PowerShell")]
    [InlineData("#!javascript\nconsole.log(1)", "JavaScript")]
    [InlineData("#!kql\nStormEvents | take 1", "KQL")]
    [InlineData("#!mssql\nSELECT 1", "SQL Server")]
    public async Task Cells_of_other_languages_are_errors_naming_the_language(string cell, string language)
    {
        using var session = Sessions.New(workingDirectory: _folder);
        var (outcome, _) = await session.Run(cell);
        Assert.Equal(CellErrorKind.Magic, outcome.Error?.Kind);
        Assert.Contains($"This cell is {language}", outcome.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("Mallard runs C# and SQL", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_magic_after_code_splits_the_cell_as_polyglot_does_and_the_kernel_holds_after_an_action()
    {
        using var session = Sessions.New(workingDirectory: _folder);
        await session.RunOk("#!connect duckdb --kernel-name db :memory:");
        // C# first, then SQL on db, then a value given to SQL, then SQL on db again: Polyglot runs these four in turn.
        var output = await session.RunOk(
            "var threshold = 2;\nConsole.WriteLine(\"C# ran\");\n#!db --name kept --quiet\nCREATE TABLE t AS SELECT range AS n FROM range(5);\n"
            + "#!set --name limit --value @csharp:threshold\nSELECT count(*) AS above FROM t WHERE n > @limit;\n#!csharp\nkept.RowCount");
        Assert.Contains("C# ran", output.Stdout, StringComparison.Ordinal);
        Assert.Equal("1", output.Results.Single().Text());
        Assert.Equal("2", (session.Variables.Single(v => v.Name == "kept").Value as Frame)?.GetRow(0)[0]?.ToString());

        // #!time opens a cell whose kernel is given later, and a kernel-selecting magic may follow it.
        var timed = await session.RunOk("#!time\n#!db --name n\nSELECT 42 AS answer");
        Assert.Contains("42", timed.Results.Single().Text(), StringComparison.Ordinal);
        Assert.Contains("Wall time", timed.Stdout, StringComparison.Ordinal);

        // An action magic between a SQL cell's magic and its SQL runs, and the SQL after it still runs on db.
        var who = await session.RunOk("#!db\n#!who\nSELECT count(*) AS rows_in_t FROM t");
        Assert.Contains("threshold", who.Shown.First().Text(), StringComparison.Ordinal);
        Assert.Contains("5", who.Results.Single().Text(), StringComparison.Ordinal);

        // HTML and Markdown end at the next magic; an error after them keeps the cell's own line numbers.
        var (failed, shown) = await session.Run("#!html\n<b>bold</b>\n#!markdown\n**strong**\n#!db\nSELECT no_such_column FROM t");
        Assert.Equal("<b>bold</b>\n", shown.Shown.First().Get("text/html"));
        Assert.Contains("no_such_column", failed.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(6, failed.Error.Line);
    }

    [Fact]
    public async Task A_magic_line_after_csharp_is_no_compiler_error_and_its_errors_name_their_line()
    {
        using var session = Sessions.New(workingDirectory: _folder);
        var (outcome, _) = await session.Run("var a = 1;\n#!nosuchmagic\nvar b = 2;");
        Assert.Contains("Unknown magic '#!nosuchmagic'", outcome.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(2, outcome.Error.Line);
        Assert.DoesNotContain("CS9378", outcome.Error.Message, StringComparison.Ordinal);
        // The C# before the bad line ran, as in Polyglot.
        Assert.Equal("1", (await session.RunOk("a")).Results.Single().Text());
    }

    [Fact]
    public async Task A_reference_line_may_open_the_cell_after_a_sql_result_was_kept()
    {
        using var session = Sessions.New(workingDirectory: _folder);
        await session.RunOk("#!sql --name kept --quiet\nSELECT 1 AS one");
        var dll = typeof(Frame).Assembly.Location.Replace("\\", "\\\\", StringComparison.Ordinal);
        var (outcome, output) = await session.Run($"#r \"{dll}\"\nkept.RowCount + undefinedName");
        // The reference still comes first (no CS7009), and errors keep the cell's own line numbers.
        Assert.Equal(CellErrorKind.Compilation, outcome.Error?.Kind);
        Assert.DoesNotContain("CS7009", outcome.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(2, outcome.Error.Line);
        Assert.Empty(output.Results);
        Assert.Equal("1", (await session.RunOk($"#r \"{dll}\"\nkept.RowCount")).Results.Single().Text());
    }

    [Fact]
    public async Task Polyglots_sql_connector_packages_are_noted_as_built_in_and_not_restored()
    {
        using var session = Sessions.New(workingDirectory: _folder);
        var output = await session.RunOk("#r \"nuget: Microsoft.DotNet.Interactive.DuckDB, *-*\"\n#r \"nuget: Microsoft.DotNet.Interactive.PostgreSql, *-*\"\n1 + 1");
        Assert.Contains("Microsoft.DotNet.Interactive.DuckDB is not needed in Mallard: #!connect duckdb", output.Stdout, StringComparison.Ordinal);
        Assert.Contains("Microsoft.DotNet.Interactive.PostgreSql is not needed in Mallard: #!connect postgres", output.Stdout, StringComparison.Ordinal);
        Assert.Equal("2", output.Results.Single().Text());
        Assert.DoesNotContain(output.Shown, b => b.Text().StartsWith("Installed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cell_may_open_with_using_directives_after_a_value_was_shared()
    {
        using var session = Sessions.New(workingDirectory: _folder);
        await session.RunOk("#!sql --name kept --quiet\nSELECT 1.5 AS x");
        var output = await session.RunOk("using System.Globalization;\nusing static System.Math;\nkept.Rows.First().Get<decimal>(\"x\").ToString(CultureInfo.InvariantCulture) + Abs(-1)");
        Assert.Equal("1.51", output.Results.Single().Text());
    }

    [Fact]
    public async Task Displays_made_through_dotnet_interactives_formatting_show_in_the_cell()
    {
        using var session = Sessions.New(workingDirectory: _folder);
        var output = await session.RunOk("\"<b>bold</b>\".DisplayAs(\"text/html\");\nnew Frame(Column.FromValues(\"n\", typeof(int), [1, 2])).Display();\nHTML(\"<i>it</i>\")");
        Assert.Equal("<b>bold</b>", output.Shown.First().Get("text/html"));
        Assert.Contains("class=\"mallard-table\"", output.Shown.Last().Get("text/html"), StringComparison.Ordinal);
        Assert.Equal(2, output.Shown.Count());
        Assert.Equal("<i>it</i>", output.Results.Single().Get("text/html"));
        Assert.Empty(output.Stdout);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine is left for the temporary-file cleanup.
        }
    }
}
