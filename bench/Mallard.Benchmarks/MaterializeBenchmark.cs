using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using Mallard.Benchmarks.Support;
using Mallard.DuckDb;
using Mallard.DuckDb.Interop;

namespace Mallard.Benchmarks;

/// <summary>
/// Materialising <c>SELECT * FROM t</c> (BIGINT, DOUBLE, VARCHAR of 8 to 20 characters, DATE, DECIMAL(18,2))
/// into a <see cref="Data.Frame"/>, against the floor in the same process: DuckDB running the same query
/// through the C API and handing over every chunk, with nothing converted. A second floor does the same
/// with a streaming result; the peer is DuckDB's official Node client (<c>runAndReadAll</c> then
/// <c>getColumns()</c>) on the same file, driven from here so it is timed with the same statistics.
/// </summary>
[Config(typeof(Config))]
public class MaterializeBenchmark
{
    private DuckDbDatabase? _database;
    private DuckDbConnection? _connection;
    private NodePeer? _node;

    /// <summary>5,000,000 is the figure the goals are set on; 100,000 gives a quick run.</summary>
    [Params(100_000, 5_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var path = MaterializeData.Ensure(Rows);
        Console.WriteLine($"// table t: {Rows:N0} rows, raw column bytes {MaterializeData.RawColumnBytes(path):N0}");
        _database = DuckDbDatabase.Open(path, readOnly: true);
        _connection = _database.Connect();
    }

    [GlobalSetup(Target = nameof(Peer_Node_runAndReadAll))]
    public void SetupNode()
    {
        Setup();
        _node = NodePeer.Start(MaterializeData.PathFor(Rows), MaterializeData.Query);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _node?.Dispose();
        _node = null;
        _connection?.Dispose();
        _connection = null;
        _database?.Dispose();
        _database = null;
    }

    /// <summary>The floor: prepare, <c>duckdb_execute_prepared</c> (materialised), fetch and destroy every chunk.</summary>
    [Benchmark(Baseline = true)]
    public long Floor_CApi_Materialized() => Drain(streaming: false);

    /// <summary>The same with <c>duckdb_execute_prepared_streaming</c>.</summary>
    [Benchmark]
    public long Floor_CApi_Streaming() => Drain(streaming: true);

    [Benchmark]
    public int Mallard_Query() => _connection!.Query(MaterializeData.Query).RowCount;

    [Benchmark]
    public long Peer_Node_runAndReadAll() => _node!.Run();

    private unsafe long Drain(bool streaming)
    {
        using var prepared = _connection!.PrepareSingle(MaterializeData.Query);
        using var result = new ResultHandle(prepared);
        var state = streaming
            ? NativeMethods.ExecutePreparedStreaming(prepared, result.Result)
            : NativeMethods.ExecutePrepared(prepared, result.Result);
        if (state != DuckDbState.Success) throw new InvalidOperationException("The floor query failed.");
        long rows = 0;
        nint chunk;
        while ((chunk = NativeMethods.FetchChunk(*result.Result)) != nint.Zero)
        {
            rows += (long)NativeMethods.DataChunkGetSize(chunk);
            NativeMethods.DestroyDataChunk(ref chunk);
        }
        return rows;
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddDiagnoser(MemoryDiagnoser.Default);
            AddColumn(RawColumnBytesColumn.RawMegabytes, RawColumnBytesColumn.AllocatedPerRaw);
        }
    }
}
