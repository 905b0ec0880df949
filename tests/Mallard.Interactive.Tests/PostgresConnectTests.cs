using Mallard.Data;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting.TabularData;

namespace Mallard.Interactive.Tests;

/// <summary><c>#!connect postgres</c>: a <c>sql-NAME</c> kernel over a private PostgreSQL server, each test in a database of its own.</summary>
[Collection(InteractiveCollection.Name)]
public sealed class PostgresConnectTests(InteractiveFixture fixture, PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task A_connected_postgres_kernel_creates_tables_shows_queries_and_shares_named_results()
    {
        var database = server.CreateDatabase();
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        var connected = await kernel.RunAsync($"#!connect postgres --kernel-name pg \"{server.ConnectionString(database)}\"");
        Assert.Contains(connected.Events.OfType<DisplayedValueProduced>(), e => Equals(e.Value, "Kernel added: #!sql-pg"));
        Assert.IsType<MallardSqlKernel>(kernel.Root.FindKernelByName("sql-pg"));
        Assert.Null(kernel.Root.FindKernelByName("pg"));

        await kernel.RunAsync("#!sql-pg\nCREATE TABLE birds (id integer PRIMARY KEY, name text);\nINSERT INTO birds VALUES (1, 'mallard'), (2, 'teal'), (3, 'wigeon');");
        var shown = Assert.Single((await kernel.RunAsync("#!sql-pg\nSELECT id, name FROM birds ORDER BY id")).Events.OfType<ReturnValueProduced>());
        var html = TestKernel.Formatted(shown, "text/html").Value;
        Assert.Contains("<table", html, StringComparison.Ordinal);
        Assert.All(["mallard", "teal", "wigeon"], bird => Assert.Contains(bird, html, StringComparison.Ordinal));

        await kernel.RunAsync("#!sql-pg --name r --quiet\nSELECT id, name FROM birds WHERE id >= 2 ORDER BY id");
        var frame = await kernel.ValueAsync<Frame>("r");
        Assert.Equal(["teal", "wigeon"], frame["name"].AsEnumerable().Cast<string>());
        await kernel.RunAsync("#!share --from sql-pg r");
        var table = Assert.Single(Assert.IsType<List<TabularDataResource>>(await kernel.ValueAsync<object>("r")));
        Assert.Equal(["id", "name"], table.Schema.Fields.Select(f => f.Name));
        Assert.Equal(["teal", "wigeon"], (await kernel.ValueAsync<Frame>("r.ToFrame()"))["name"].AsEnumerable().Cast<string>());

        // The rows are in the server's table.
        Assert.Equal(3L, server.Scalar(database, "SELECT count(*) FROM birds"));
    }

    [Fact]
    public async Task Csharp_values_bind_as_parameters_in_postgres_cells()
    {
        var database = server.CreateDatabase();
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        await kernel.RunAsync($"#!connect postgres --kernel-name pg \"{server.ConnectionString(database)}\"");
        await kernel.RunAsync("#!sql-pg\nCREATE TABLE people (id integer, name text);\nINSERT INTO people VALUES (1, 'O''Brien'), (2, 'Smith'), (3, 'Jones');");
        await kernel.RunAsync("var who = \"O'Brien\"; var limit = 2;");

        // $who reads the C# variable; #!set gives the kernel a value of its own.
        await kernel.RunAsync("#!sql-pg --name found --quiet\nSELECT id FROM people WHERE name = $who");
        Assert.Equal(1, await kernel.ValueAsync<int>("found.Rows.Single().Get<int>(\"id\")"));
        await kernel.RunAsync("#!sql-pg --name few --quiet\n#!set --name lim --value @csharp:limit\nSELECT name FROM people ORDER BY id LIMIT $lim");
        Assert.Equal(["O'Brien", "Smith"], (await kernel.ValueAsync<Frame>("few"))["name"].AsEnumerable().Cast<string>());

        // A value that would break the SQL if spliced stays a value.
        await kernel.RunAsync("who = \"x' OR '1'='1\";");
        await kernel.RunAsync("#!sql-pg --name injected --quiet\nSELECT count(*) AS n FROM people WHERE name = $who");
        Assert.Equal(0L, await kernel.ValueAsync<long>("injected.Rows.Single().Get<long>(\"n\")"));
    }

    [Fact]
    public async Task A_postgres_kernel_name_in_use_is_refused_before_connecting()
    {
        var database = server.CreateDatabase();
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        await kernel.RunAsync($"#!connect postgres --kernel-name pg \"{server.ConnectionString(database)}\"");
        await kernel.RunAsync("#!connect duckdb --kernel-name sql-lake \"Data Source=:memory:\"");

        // The kernel would be sql-pg, or sql-lake: the names of kernels there are.
        foreach (var (name, taken) in ((string, string)[])[("pg", "sql-pg"), ("lake", "sql-lake")])
        {
            var message = await kernel.FailAsync($"#!connect postgres --kernel-name {name} \"{server.ConnectionString(database)};Application Name=refused\"");
            Assert.Contains($"'{taken}' is already in use", message, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        }

        // Nothing connected for the refused kernels, and the first one works on.
        Assert.Equal(0L, server.Scalar(database, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'refused'"));
        await kernel.RunAsync("#!sql-pg --name one --quiet\nSELECT 1 AS one");
        Assert.Equal(1, await kernel.ValueAsync<int>("one.Rows.Single().Get<int>(\"one\")"));
    }

    [Fact]
    public async Task A_postgres_connection_that_cannot_be_made_is_an_error_saying_why()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        var message = await kernel.FailAsync($"#!connect postgres --kernel-name nodb \"{server.ConnectionString("no_such_database")}\"");
        Assert.Contains("no_such_database", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);

        message = await kernel.FailAsync("#!connect postgres --kernel-name badkey \"Hots=127.0.0.1;Database=postgres\"");
        Assert.Contains("'hots' is not a key", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);

        Assert.Null(kernel.Root.FindKernelByName("sql-nodb"));
        Assert.Null(kernel.Root.FindKernelByName("sql-badkey"));
    }

    [Fact]
    public async Task The_stop_button_cancels_a_running_postgres_query_and_the_kernel_keeps_working()
    {
        var database = server.CreateDatabase();
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        await kernel.RunAsync($"#!connect postgres --kernel-name pg \"{server.ConnectionString(database)}\"");

        const string Sleep = "SELECT pg_sleep(600)";
        var (result, progress) = await CancellationTests.StopOnceShownAsync(kernel, $"#!sql-pg\n{Sleep}", e => TestKernel.PlainText(e).StartsWith(Sleep + ": ", StringComparison.Ordinal));

        Assert.Matches(@": running for \d+\.\d s$", TestKernel.PlainText(progress));
        Assert.Contains("cancelled", Assert.Single(result.Events.OfType<CommandFailed>()).Message, StringComparison.OrdinalIgnoreCase);
        await CancellationTests.Within(kernel.RunAsync("#!sql-pg --name after --quiet\nSELECT 42 AS answer"), "The cell after the stopped one");
        Assert.Equal(42, await kernel.ValueAsync<int>("after.Rows.Single().Get<int>(\"answer\")"));
        Assert.Equal(0L, server.Scalar(database, $"SELECT count(*) FROM pg_stat_activity WHERE query = '{Sleep}' AND state = 'active'"));
    }
}
