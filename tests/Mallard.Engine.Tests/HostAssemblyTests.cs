using Mallard.DuckDb;
using Mallard.Engine.Connections;

namespace Mallard.Engine.Tests;

/// <summary>The engine as a library: a host chooses the kinds of connection its sessions open, and nothing else comes with it.</summary>
public sealed class HostAssemblyTests
{
    [Fact]
    public void The_engine_references_neither_the_warehouse_nor_a_postgres_driver()
    {
        var references = typeof(Session).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.DoesNotContain("Mallard.Warehouse", references);
        Assert.DoesNotContain("Npgsql", references);
        Assert.Contains("Mallard.DuckDb", references);
    }

    [Fact]
    public async Task A_host_with_only_an_in_memory_duckdb_provider_runs_sql_and_csharp_cells_and_refuses_other_kinds()
    {
        using var session = Sessions.New([DuckDbConnectionProvider.Instance]);

        var sql = await session.RunOk("#!sql --name answer\nSELECT 40 + 2 AS v");
        var csharp = await session.RunOk("answer[0].GetValue(0)");
        var (refused, _) = await session.Run("#!connect postgres \"Host=localhost\"");
        var (noProvider, _) = await session.Run("#!connect duckdb --provider X :memory:");

        Assert.Equal(":memory:", session.CurrentConnection.Target);
        Assert.Equal("42", csharp.Results.Single().Text().Trim());
        Assert.Equal(CellErrorKind.Magic, refused.Error!.Kind);
        Assert.Contains("Unknown connection kind 'postgres' for #!connect. Accepted kinds: duckdb (#!connect duckdb PATH|:memory:).", refused.Error.Message, StringComparison.Ordinal);
        Assert.Contains("--provider applies to no connections, not to duckdb.", noProvider.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(["duckdb"], session.ConnectionKinds);
        Assert.NotNull(sql);
    }

    [Fact]
    public async Task A_provider_the_host_adds_is_a_kind_connect_opens_and_completion_offers()
    {
        using var session = Sessions.New([DuckDbConnectionProvider.Instance, new ScratchProvider()]);

        var connected = await session.RunOk("#!connect scratch --name s anything");
        var rows = await session.RunOk("#!sql --name n\nSELECT count(*) AS tables FROM duckdb_tables()");
        var completion = await session.CompleteAsync("#!connect ", "#!connect ".Length);

        Assert.Contains("Connected 's' (scratch)", connected.Stdout, StringComparison.Ordinal);
        Assert.Equal("s", session.CurrentConnection.Name);
        Assert.NotNull(rows);
        Assert.Contains(completion.Items, i => i.Text == "scratch");
        Assert.Contains(completion.Items, i => i.Text == "duckdb");
        Assert.DoesNotContain(completion.Items, i => i.Text == "postgres");
    }

    /// <summary>A kind of the host's own: an empty in-memory DuckDB database whatever the target says.</summary>
    private sealed class ScratchProvider : IConnectionProvider
    {
        public string Kind => "scratch";

        public string TargetHelp => "ANYTHING";

        public bool SupportsReadOnly => false;

        public bool TakesProviderType => false;

        public SessionConnection Open(ConnectionRequest request)
        {
            // A connection made from a connection string owns its database, and the session closes it.
            var connection = new DuckDbConnection("Data Source=:memory:");
            connection.Open();
            return new SessionConnection(request.Name, Kind, "scratch", false, connection);
        }
    }

    [Fact]
    public async Task A_file_a_cell_saves_goes_to_the_host_and_a_host_that_gives_no_files_gets_a_clear_refusal()
    {
        var directory = TestDirectories.Create("mallard-files-");
        var files = new RecordingFiles();
        const string Data = "#!sql --name mix --quiet\nSELECT 'VIP' AS segment, 10 AS customers";
        const string Chart = "#!chart bar --data mix --x segment --y customers --html out/chart.html";

        using (var session = new Session(new SessionOptions { WorkingDirectory = directory, Files = files }))
        {
            await session.RunOk(Data);
            await session.RunOk(Chart);
        }
        using var refusing = new Session(new SessionOptions { WorkingDirectory = directory });
        await refusing.RunOk(Data);
        var (outcome, output) = await refusing.Run(Chart);

        var (path, contents) = Assert.Single(files.Written);
        Assert.Equal(Path.Combine(directory, "out", "chart.html"), path);
        Assert.Contains("Plotly", contents, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(directory, "out")));
        Assert.Equal(CellErrorKind.Magic, outcome.Error!.Kind);
        Assert.Contains("This session writes no files", outcome.Error.Message, StringComparison.Ordinal);
        Assert.Single(output.Shown); // the chart itself is still shown
    }

    private sealed class RecordingFiles : ISessionFiles
    {
        public List<(string Path, string Contents)> Written { get; } = [];

        public void Write(string path, string contents) => Written.Add((path, contents));
    }

    [Fact]
    public async Task A_formatter_the_host_adds_renders_every_frame_the_session_shows()
    {
        using var session = new Session(new SessionOptions { Formatters = [new RowCountFormatter()] });

        var sql = await session.RunOk("#!sql --name t\nCREATE TABLE kept AS SELECT 1 AS a; SELECT * FROM range(3)");
        var tables = await session.RunOk("#!tables");

        Assert.Equal("3 rows", sql.Results.Single().Get("text/x-row-count"));
        Assert.Equal("1 rows", tables.Shown.Single().Get("text/x-row-count")); // the table kept
    }

    private sealed class RowCountFormatter : Mallard.Display.IDisplayFormatter
    {
        public bool TryFormat(object value, Mallard.Display.DisplayContext context, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Mallard.Display.MimeBundle? bundle)
        {
            bundle = value is Mallard.Data.Frame frame ? Mallard.Display.MimeBundle.Empty.WithText("text/x-row-count", $"{frame.RowCount} rows") : null;
            return bundle is not null;
        }
    }

    [Fact]
    public async Task A_missing_warehouse_the_host_asks_to_create_is_created_and_otherwise_replaced_by_memory()
    {
        var directory = TestDirectories.Create("mallard-create-");
        var path = Path.Combine(directory, "made.duckdb");

        using (var creating = new Session(new SessionOptions { WarehousePath = path, WarehouseReadOnly = false, CreateWarehouse = true }))
        {
            await creating.RunOk("#!sql\nCREATE TABLE kept AS SELECT 1 AS a");
            Assert.Equal(path, creating.CurrentConnection.Target);
        }
        using var notCreating = new Session(new SessionOptions { WarehousePath = Path.Combine(directory, "other.duckdb"), WarehouseReadOnly = false });
        var note = await notCreating.RunOk("#!sql\nSELECT 1");

        Assert.True(File.Exists(path));
        Assert.Equal(":memory:", notCreating.CurrentConnection.Target);
        Assert.Contains("was not found", note.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(directory, "other.duckdb")));
    }
}

