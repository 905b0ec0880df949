using System.Runtime.InteropServices;
using Apache.Arrow;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using DuckDB.NET.Data;
using Mallard.Benchmarks.Support;
using Mallard.DuckDb;
using Mallard.DuckDb.Interop;

namespace Mallard.Benchmarks;

/// <summary>
/// Materialising <c>SELECT * FROM t</c> (BIGINT, DOUBLE, VARCHAR of 8 to 20 characters, DATE, DECIMAL(18,2))
/// into a <see cref="Data.Frame"/>, against the floor in the same process: DuckDB running the same query
/// through the C API and handing over every chunk, with nothing converted. A second floor does the same
/// with a streaming result. The peers, on the same file: DuckDB's official Node client (<c>runAndReadAll</c> then
/// <c>getColumns()</c>), driven from here so it is timed with the same statistics, and DuckDB.NET.Data, the ADO.NET
/// provider, through its data reader and through its Arrow record batches, in this process and on the same libduckdb.
/// </summary>
[Config(typeof(Config))]
public class MaterializeBenchmark
{
    private DuckDbDatabase? _database;
    private DuckDbConnection? _connection;
    private NodePeer? _node;
    private DuckDBConnection? _duckDbNet;

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

    /// <summary>
    /// Only DuckDB.NET's connection is open for its benchmarks (as only Mallard's is for the floors and <c>Query</c>),
    /// read-only on the same file, and on the libduckdb Mallard loads: see <see cref="DuckDbNetLibrary"/>.
    /// </summary>
    [GlobalSetup(Targets = [nameof(Peer_DuckDbNet_DataReader), nameof(Peer_DuckDbNet_Arrow)])]
    public void SetupDuckDbNet()
    {
        var path = MaterializeData.Ensure(Rows);
        Console.WriteLine($"// table t: {Rows:N0} rows, raw column bytes {MaterializeData.RawColumnBytes(path):N0}");
        var library = DuckDbNetLibrary.Value;
        var builder = new DuckDBConnectionStringBuilder { DataSource = path, AccessMode = DuckDBAccessMode.ReadOnly };
        _duckDbNet = new DuckDBConnection(builder.ConnectionString);
        _duckDbNet.Open();
        using var version = new DuckDBCommand("SELECT version()", _duckDbNet);
        Console.WriteLine($"// DuckDB.NET.Data {typeof(DuckDBConnection).Assembly.GetName().Version}: DuckDB {version.ExecuteScalar()} from {library}");
        var mapped = MappedDuckDbFiles();
        if (mapped is not null)
        {
            Console.WriteLine($"// libduckdb files mapped in this process: {string.Join(", ", mapped)}");
            if (mapped.Count != 1) throw new InvalidOperationException("Mallard and DuckDB.NET must run on one libduckdb file in this process.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _node?.Dispose();
        _node = null;
        _duckDbNet?.Dispose();
        _duckDbNet = null;
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

    /// <summary>
    /// DuckDB.NET's ADO.NET reader (materialised result, its default), every value through the typed getters into a
    /// list per column. The table has no NULLs, so no value is checked for one.
    /// </summary>
    [Benchmark]
    public int Peer_DuckDbNet_DataReader()
    {
        using var command = new DuckDBCommand(MaterializeData.Query, _duckDbNet!);
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        var xs = new List<double>();
        var texts = new List<string>();
        var dates = new List<DateOnly>();
        var amounts = new List<decimal>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
            xs.Add(reader.GetDouble(1));
            texts.Add(reader.GetString(2));
            dates.Add(reader.GetFieldValue<DateOnly>(3));
            amounts.Add(reader.GetDecimal(4));
        }
        return ids.Count + texts[^1].Length;
    }

    /// <summary>
    /// DuckDB.NET's Arrow API: <c>ExecuteArrowStream()</c> (a materialised result, each DuckDB chunk converted by
    /// <c>duckdb_data_chunk_to_arrow</c> and imported as a <see cref="RecordBatch"/>), every batch kept until the end
    /// and then disposed. The batches' buffers are native memory.
    /// </summary>
    [Benchmark]
    public long Peer_DuckDbNet_Arrow()
    {
        using var command = new DuckDBCommand(MaterializeData.Query, _duckDbNet!);
        using var stream = command.ExecuteArrowStream();
        var batches = new List<RecordBatch>();
        try
        {
            while (stream.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch) batches.Add(batch);
            long rows = 0;
            foreach (var batch in batches) rows += batch.Length;
            var last = (StringArray)batches[^1].Column(2);
            return rows + last.GetString(last.Length - 1).Length;
        }
        finally
        {
            foreach (var batch in batches) batch.Dispose();
        }
    }

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

    /// <summary>
    /// DuckDB.NET.Data and its DuckDB.NET.Bindings carry no native library. Their P/Invokes name <c>duckdb</c>; a resolver
    /// on the bindings' assembly hands them the library Mallard loaded (beside the assemblies, or MALLARD_DUCKDB_LIBRARY),
    /// so both run on the same DuckDB in this process. Set once per process; its value is the file's path.
    /// </summary>
    private static readonly Lazy<string> DuckDbNetLibrary = new(() =>
    {
        NativeLibraryLoader.EnsureLoaded();
        var path = NativeLibraryLoader.LoadedPath!;
        var handle = NativeLibrary.Load(path);
        NativeLibrary.SetDllImportResolver(typeof(DuckDB.NET.Native.DuckDBResult).Assembly,
            (name, _, _) => name == NativeMethods.Library ? handle : nint.Zero);
        return path;
    });

    /// <summary>The distinct libduckdb files mapped into this process, from <c>/proc/self/maps</c>; null where there is none.</summary>
    private static List<string>? MappedDuckDbFiles()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return null;
        return [.. File.ReadLines(maps)
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? line[slash..] : "")
            .Where(file => Path.GetFileName(file).Contains("duckdb", StringComparison.OrdinalIgnoreCase) && !file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)];
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
