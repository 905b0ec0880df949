using Mallard.Data;
using Mallard.DuckDb;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting.TabularData;

namespace Mallard.Interactive.Tests;

/// <summary><c>#!connect duckdb</c>: a kernel over a DuckDB file of the test's own, in Polyglot's syntax.</summary>
[Collection(InteractiveCollection.Name)]
public sealed class ConnectTests(InteractiveFixture fixture)
{
    /// <summary>A folder of this test's own (xunit makes an instance per test), removed with the fixture's.</summary>
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(fixture.Root, "connect-" + Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public async Task A_connected_duckdb_file_takes_tables_and_shows_queries_as_mallard_tables()
    {
        var file = Path.Combine(_folder, "x.duckdb");
        using (var kernel = await TestKernel.StartAsync(fixture.Warehouse))
        {
            var connected = await kernel.RunAsync($"#!connect duckdb --kernel-name mydb \"Data Source={file}\"");
            Assert.Contains(connected.Events.OfType<DisplayedValueProduced>(), e => Equals(e.Value, "Kernel added: #!mydb"));
            var mydb = Assert.IsType<MallardSqlKernel>(kernel.Root.FindKernelByName("mydb"));
            Assert.False(mydb.IsWarehouse);
            Assert.Contains(file, mydb.KernelInfo.Description, StringComparison.Ordinal);

            await kernel.RunAsync("#!mydb\nCREATE TABLE birds (id INTEGER, name VARCHAR);\nINSERT INTO birds VALUES (1, 'mallard'), (2, 'teal'), (3, 'wigeon');");
            var result = await kernel.RunAsync("#!mydb\nSELECT id, name FROM birds ORDER BY id");

            var shown = Assert.Single(result.Events.OfType<ReturnValueProduced>());
            var html = TestKernel.Formatted(shown, "text/html").Value;
            Assert.Contains("<table", html, StringComparison.Ordinal);
            Assert.Contains(">name<", html, StringComparison.Ordinal);
            Assert.All(["mallard", "teal", "wigeon"], bird => Assert.Contains(bird, html, StringComparison.Ordinal));
            Assert.Contains("wigeon", TestKernel.Formatted(shown, "text/plain").Value, StringComparison.Ordinal);
        }

        // The table went to the file itself.
        Assert.Equal(3L, TestKernel.Scalar<long>(file, "SELECT count(*) FROM birds"));
    }

    [Fact]
    public async Task A_named_result_of_a_connected_kernel_is_a_frame_in_csharp_and_a_list_of_tables_for_share()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        await kernel.RunAsync($"#!connect duckdb --kernel-name mydb \"Data Source={Path.Combine(_folder, "x.duckdb")}\"");
        await kernel.RunAsync("#!mydb\nCREATE TABLE birds AS SELECT * FROM (VALUES (1, 'mallard'), (2, 'teal'), (3, 'wigeon')) v(id, name)");

        var named = await kernel.RunAsync("#!mydb --name r --quiet\nSELECT id, name FROM birds WHERE id >= 2 ORDER BY id");
        Assert.Empty(named.Events.OfType<ReturnValueProduced>());
        var frame = await kernel.ValueAsync<Frame>("r");
        Assert.Equal(["id", "name"], frame.ColumnNames);
        Assert.Equal(["teal", "wigeon"], frame["name"].AsEnumerable().Cast<string>());

        await kernel.RunAsync("#!share --from mydb r");
        var shared = Assert.IsType<List<TabularDataResource>>(await kernel.ValueAsync<object>("r"));
        var table = Assert.Single(shared);
        Assert.Equal(["id", "name"], table.Schema.Fields.Select(f => f.Name));
        Assert.Equal(2, table.Data.Count());
        var back = await kernel.ValueAsync<Frame>("r.ToFrame()");
        Assert.Equal(["teal", "wigeon"], back["name"].AsEnumerable().Cast<string>());
        Assert.Equal(DataKind.Int32, back["id"].Type.Kind);
    }

    [Fact]
    public async Task A_connected_kernels_cells_take_limit_and_quiet_and_a_bad_limit_is_said_plainly()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        await kernel.RunAsync("#!connect duckdb --kernel-name mydb \"Data Source=:memory:\"");

        var limited = await kernel.RunAsync("#!mydb --limit 2 --name numbers\nSELECT range * 10 AS n FROM range(10)");
        var html = TestKernel.Formatted(Assert.Single(limited.Events.OfType<ReturnValueProduced>()), "text/html").Value;
        Assert.Contains("data-v=\"10\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-v=\"20\"", html, StringComparison.Ordinal);
        // --limit limits what is shown; --name keeps every row.
        Assert.Equal(10, await kernel.ValueAsync<int>("numbers.RowCount"));

        var quiet = await kernel.RunAsync("#!mydb --quiet\nSELECT 1 AS one");
        Assert.Empty(quiet.Events.OfType<ReturnValueProduced>());

        var message = await kernel.FailAsync("#!mydb --limit nope\nSELECT 1 AS one");
        Assert.Equal("--limit takes a number of rows (1 or more), not 'nope'.", message);
    }

    [Fact]
    public async Task The_connection_string_may_come_with_its_option_as_a_bare_path_or_from_a_csharp_variable()
    {
        foreach (var name in (string[])["byoption", "bypath", "relative", "byvariable"]) CreateDatabase(Path.Combine(_folder, name + ".duckdb"), name);
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse, workingDirectory: _folder);

        await kernel.RunAsync($"#!connect duckdb --kernel-name byoption --connection-string \"Data Source={Path.Combine(_folder, "byoption.duckdb")}\"");
        await kernel.RunAsync($"#!connect duckdb --kernel-name bypath \"{Path.Combine(_folder, "bypath.duckdb")}\"");
        // A relative path is the notebook's folder's.
        await kernel.RunAsync("#!connect duckdb --kernel-name relative \"relative.duckdb\"");
        await kernel.RunAsync($"var connStr = \"Data Source={Path.Combine(_folder, "byvariable.duckdb")}\";");
        await kernel.RunAsync("#!connect duckdb --kernel-name byvariable @csharp:connStr");

        foreach (var name in (string[])["byoption", "bypath", "relative", "byvariable"])
        {
            await kernel.RunAsync($"#!{name} --name {name}_origin --quiet\nSELECT origin FROM marker");
            Assert.Equal(name, await kernel.ValueAsync<string>($"{name}_origin.Rows.Single().Get<string>(\"origin\")"));
        }
    }

    [Fact]
    public async Task Duckdb_settings_in_the_connection_string_are_applied()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        // allow_unsigned_extensions can only be given when the database opens: the settings are the database's from the start.
        await kernel.RunAsync($"#!connect duckdb --kernel-name tuned \"Data Source={Path.Combine(_folder, "tuned.duckdb")};threads=2;default_order=DESC;allow_unsigned_extensions=true\"");
        await kernel.RunAsync("#!tuned --name settings --quiet\nSELECT current_setting('threads') AS threads, current_setting('default_order') AS default_order, current_setting('allow_unsigned_extensions') AS unsigned");
        Assert.Equal("2", await kernel.ValueAsync<string>("settings.Rows.Single()[\"threads\"].ToString()"));
        Assert.Equal("desc", await kernel.ValueAsync<string>("settings.Rows.Single()[\"default_order\"].ToString().ToLowerInvariant()"));
        Assert.Equal("true", await kernel.ValueAsync<string>("settings.Rows.Single()[\"unsigned\"].ToString().ToLowerInvariant()"));
    }

    [Fact]
    public async Task A_read_only_connection_reads_and_refuses_writes()
    {
        var file = Path.Combine(_folder, "frozen.duckdb");
        CreateDatabase(file, "frozen");
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        await kernel.RunAsync($"#!connect duckdb --kernel-name frozen \"Data Source={file};Read Only=true\"");
        // .NET Interactive's parser takes a value after a flag as the flag's, so --read-only goes last (or before --kernel-name).
        await kernel.RunAsync($"#!connect duckdb --kernel-name flagged \"{file}\" --read-only");

        foreach (var name in (string[])["frozen", "flagged"])
        {
            Assert.Contains("read-only", kernel.Root.FindKernelByName(name).KernelInfo.Description, StringComparison.Ordinal);
            await kernel.RunAsync($"#!{name}\nSELECT origin FROM marker");
            var message = await kernel.FailAsync($"#!{name}\nCREATE TABLE scratch AS SELECT 1 AS x");
            Assert.Contains("read-only", message, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(0L, TestKernel.Scalar<long>(file, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'scratch'"));
    }

    [Fact]
    public async Task A_read_only_connection_to_a_missing_file_is_an_error_naming_the_file_and_adds_no_kernel()
    {
        var file = Path.Combine(_folder, "missing.duckdb");
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        var message = await kernel.FailAsync($"#!connect duckdb --kernel-name ghost \"Data Source={file};Read Only=true\"");
        Assert.Contains(file, message, StringComparison.Ordinal);
        Assert.Contains("does not exist", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        Assert.Null(kernel.Root.FindKernelByName("ghost"));
        Assert.False(File.Exists(file));
    }

    [Theory]
    [InlineData("Data Source={0};Read Only=maybe", "Read Only value 'maybe' is not true or false")]
    [InlineData("Data Source={0};ACCESS_MODE=SOMETIMES", "not 'SOMETIMES'")]
    [InlineData("threads=2", "names no database")]
    [InlineData("Data Source={0};no_such_setting=1", "no_such_setting")]
    [InlineData("Data Source={0};threads=lots", "Threads value 'lots'")]
    public async Task A_connection_string_duckdb_cannot_take_is_an_error_naming_what_is_wrong(string connectionString, string named)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, connectionString, Path.Combine(_folder, "bad.duckdb"));
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        var message = await kernel.FailAsync($"#!connect duckdb --kernel-name bad \"{text}\"");
        Assert.Contains(named, message, StringComparison.Ordinal);
        // The message alone, not an exception's stack trace.
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        Assert.Null(kernel.Root.FindKernelByName("bad"));
    }

    [Fact]
    public async Task A_kernel_name_already_in_use_is_refused_and_the_first_kernel_keeps_working()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        await kernel.RunAsync($"#!connect duckdb --kernel-name mydb \"Data Source={Path.Combine(_folder, "first.duckdb")}\"");
        await kernel.RunAsync("#!mydb\nCREATE TABLE marker AS SELECT 'first' AS origin");

        var message = await kernel.FailAsync($"#!connect duckdb --kernel-name mydb \"Data Source={Path.Combine(_folder, "second.duckdb")}\"");
        Assert.Contains("'mydb' is already in use", message, StringComparison.Ordinal);
        // The warehouse's kernel and its aliases are taken too, and so are the names of magic commands.
        foreach (var taken in (string[])["sql", "warehouse", "csharp", "connect"])
        {
            message = await kernel.FailAsync($"#!connect duckdb --kernel-name {taken} \"Data Source={Path.Combine(_folder, taken + ".duckdb")}\"");
            Assert.Contains($"'{taken}' is already in use", message, StringComparison.Ordinal);
        }

        await kernel.RunAsync("#!mydb --name origin --quiet\nSELECT origin FROM marker");
        Assert.Equal("first", await kernel.ValueAsync<string>("origin.Rows.Single().Get<string>(\"origin\")"));
        Assert.Single(kernel.Root.ChildKernels, k => k.Name == "mydb");
        // Nothing was opened for the refused kernels: their files were never created.
        Assert.All(["second", "sql", "warehouse", "csharp", "connect"], name => Assert.False(File.Exists(Path.Combine(_folder, name + ".duckdb")), name));
    }

    [Fact]
    public async Task A_value_set_in_a_connected_kernels_cell_binds_as_a_parameter()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        await kernel.RunAsync($"#!connect duckdb --kernel-name mydb \"Data Source={Path.Combine(_folder, "x.duckdb")}\"");
        await kernel.RunAsync("#!mydb\nCREATE TABLE birds AS SELECT * FROM (VALUES (1, 'mallard'), (2, 'teal'), (3, 'wigeon')) v(id, name)");
        await kernel.RunAsync("var limit = 2;");

        await kernel.RunAsync("#!mydb --name few --quiet\n#!set --name lim --value @csharp:limit\nSELECT name FROM birds ORDER BY id LIMIT $lim");
        Assert.Equal(["mallard", "teal"], (await kernel.ValueAsync<Frame>("few"))["name"].AsEnumerable().Cast<string>());

        // The value stays the kernel's: a later cell uses it without setting it again.
        await kernel.RunAsync("#!mydb --name still --quiet\nSELECT count(*) AS n FROM birds WHERE id <= $lim");
        Assert.Equal(2L, await kernel.ValueAsync<long>("still.Rows.Single().Get<long>(\"n\")"));
    }

    [Fact]
    public async Task A_set_value_with_a_quote_in_it_stays_a_value()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        await kernel.RunAsync($"#!connect duckdb --kernel-name mydb \"Data Source={Path.Combine(_folder, "x.duckdb")}\"");
        await kernel.RunAsync("#!mydb\nCREATE TABLE people AS SELECT * FROM (VALUES ('O''Brien'), ('Smith')) v(name)");

        await kernel.RunAsync("var who = \"O'Brien\";");
        await kernel.RunAsync("#!mydb --name found --quiet\n#!set --name who --value @csharp:who\nSELECT count(*) AS n FROM people WHERE name = $who");
        Assert.Equal(1L, await kernel.ValueAsync<long>("found.Rows.Single().Get<long>(\"n\")"));

        await kernel.RunAsync("who = \"x' OR '1'='1\";");
        await kernel.RunAsync("#!mydb --name injected --quiet\n#!set --name who --value @csharp:who\nSELECT count(*) AS n FROM people WHERE name = $who");
        Assert.Equal(0L, await kernel.ValueAsync<long>("injected.Rows.Single().Get<long>(\"n\")"));
        await kernel.RunAsync("#!mydb --name left --quiet\nSELECT count(*) AS n FROM people");
        Assert.Equal(2L, await kernel.ValueAsync<long>("left.Rows.Single().Get<long>(\"n\")"));
    }

    [Fact]
    public async Task A_value_set_in_a_connected_kernel_can_be_shared_back_to_csharp()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        await kernel.RunAsync($"#!connect duckdb --kernel-name mydb \"Data Source={Path.Combine(_folder, "x.duckdb")}\"");
        await kernel.RunAsync("var limit = 2; var label = \"it's\";");
        await kernel.RunAsync("#!mydb\n#!set --name lim --value @csharp:limit\n#!set --name label --value @csharp:label\nSELECT $lim AS lim, $label AS label");

        await kernel.RunAsync("#!share --from mydb lim --as shared_lim");
        Assert.Equal(2L, Convert.ToInt64(await kernel.ValueAsync<object>("shared_lim"), System.Globalization.CultureInfo.InvariantCulture));
        await kernel.RunAsync("#!share --from mydb label --as shared_label");
        Assert.Equal("it's", await kernel.ValueAsync<string>("shared_label"));

        // As for .NET Interactive's own kernels, a name the kernel lacks is an error shown in the cell, naming what it has.
        var missing = await kernel.RunAsync("#!share --from mydb nothing_here");
        var error = Assert.Single(missing.Events.OfType<ErrorProduced>());
        Assert.Contains("no value named 'nothing_here'", error.Message, StringComparison.Ordinal);
        Assert.Contains("It has: lim, label.", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A DuckDB file holding a one-row table <c>marker(origin)</c>, written and closed before the kernel opens it.</summary>
    private static void CreateDatabase(string path, string origin)
    {
        using var database = DuckDbDatabase.Open(path);
        using var connection = database.Connect();
        connection.Execute("CREATE TABLE marker AS SELECT ? AS origin", new[] { origin });
    }
}
