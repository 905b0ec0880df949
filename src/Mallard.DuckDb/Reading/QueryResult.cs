using System.Runtime.InteropServices;
using Mallard.Data;
using Mallard.DuckDb.Interop;

namespace Mallard.DuckDb.Reading;

/// <summary>An executed statement's result: its schema, and its chunks read into frames.</summary>
internal sealed unsafe class QueryResult : IDisposable
{
    private readonly ResultHandle _handle;
    private readonly DuckDbConnection _connection;
    private readonly string _sql;
    private readonly bool _streaming;

    public QueryResult(ResultHandle handle, DuckDbConnection connection, string sql, bool streaming)
    {
        _streaming = streaming;
        _handle = handle;
        _connection = connection;
        _sql = sql;
        var result = handle.Result;
        var count = (int)NativeMethods.ColumnCount(result);
        Names = new string[count];
        Specs = new ColumnSpec[count];
        for (var i = 0; i < count; i++)
        {
            Names[i] = Marshal.PtrToStringUTF8((nint)NativeMethods.ColumnName(result, (ulong)i)) ?? "";
            using var type = new LogicalTypeScope(NativeMethods.ColumnLogicalType(result, (ulong)i));
            Specs[i] = ColumnSpec.Read(type.Native, Names[i]);
        }
        ReturnType = NativeMethods.ResultReturnType(*result);
        RowsChanged = ReturnType == DuckDbResultType.ChangedRows ? (long)NativeMethods.RowsChanged(result) : -1;
    }

    public string[] Names { get; }

    public ColumnSpec[] Specs { get; }

    public DuckDbResultType ReturnType { get; }

    /// <summary>Rows inserted, updated or deleted, or -1 for a query.</summary>
    public long RowsChanged { get; }

    public bool IsDisposed => _handle.IsClosed;

    /// <summary>The next chunk, or null at the end; a failure (an interrupt among them) throws.</summary>
    public DataChunkHandle? Fetch()
    {
        var chunk = NativeMethods.FetchChunk(*_handle.Result);
        if (chunk != nint.Zero) return new DataChunkHandle(chunk);
        var error = NativeMethods.ResultError(_handle.Result);
        if (error is not null)
            throw ErrorMapper.FromMessage(Marshal.PtrToStringUTF8((nint)error) ?? "", NativeMethods.ResultErrorType(_handle.Result), _sql);
        return null;
    }

    /// <summary>
    /// Reads every remaining chunk into one frame. A materialised result knows its row count, so each
    /// column's buffers are allocated once at their final size and every chunk is copied and freed as it
    /// arrives; text buffers are sized from the first chunk's bytes per row and grow only if later rows are
    /// longer. A streaming result's buffers grow as chunks arrive. <paramref name="throwIfCancelled"/> runs before
    /// each chunk: DuckDB's interrupt stops a query, not the copying of a result it has finished.
    /// </summary>
    /// <remarks>
    /// A large materialised result is read by two threads; DuckDB's own threads are idle by then. Fixed-width and text columns
    /// are read from both ends (<see cref="RangeCopy"/>): each thread fetches and copies its own chunks. A result with nested
    /// columns is split by column (<see cref="SplitCopy"/>): this thread fetches the chunks and copies some columns, a pool
    /// thread copies the others, batch by batch.
    /// </remarks>
    public Frame ReadAll(Action? throwIfCancelled = null)
    {
        var expected = Rows;
        if (expected > Array.MaxLength)
            throw new NotSupportedException($"The result has {expected:N0} rows, more than a frame holds ({Array.MaxLength:N0}); read it with a streaming reader.");
        var builders = NewBuilders();
        if (expected > 0)
            foreach (var builder in builders) builder.Reserve((int)expected);
        if (expected > 0 && RangeCopy.Applies(builders, expected))
        {
            ReaderFromBothEnds(builders).Run(throwIfCancelled);
            return Finish(builders);
        }
        var reader = new ChunkReader(this, builders, expected, throwIfCancelled);
        if (SplitCopy.Columns(builders, expected) is { } helped)
        {
            using var split = new SplitCopy(reader, builders, helped);
            split.Run();
        }
        else
        {
            while (reader.Next() is { } chunk)
            {
                using (chunk)
                {
                    ChunkReader.CopyColumns(chunk, builders);
                }
            }
        }
        return Finish(builders);
    }

    /// <summary>Fetches a result's chunks for <see cref="ReadAll"/>: checks for a cancel and for the row limit, and sizes text buffers from the first chunk.</summary>
    internal sealed class ChunkReader(QueryResult result, ColumnBuilder[] builders, long expected, Action? throwIfCancelled)
    {
        private bool _first = true;
        private long _rows;

        /// <summary>The next chunk, or null at the end.</summary>
        public DataChunkHandle? Next()
        {
            throwIfCancelled?.Invoke();
            if (result.Fetch() is not { } chunk) return null;
            var rows = (int)NativeMethods.DataChunkGetSize(chunk.Chunk);
            if (_first) VarLengthBuilder.SizeFromFirstChunk(builders, chunk, expected);
            _first = false;
            _rows += rows;
            if (_rows > Array.MaxLength)
            {
                chunk.Dispose();
                throw new NotSupportedException($"The result has more rows than a frame holds ({Array.MaxLength:N0}); read it with a streaming reader.");
            }
            return chunk;
        }

        /// <summary>Appends <paramref name="chunk"/>'s vectors to <paramref name="columns"/> (null entries are another thread's).</summary>
        public static void CopyColumns(DataChunkHandle chunk, ColumnBuilder?[] columns)
        {
            var rows = (int)NativeMethods.DataChunkGetSize(chunk.Chunk);
            for (var c = 0; c < columns.Length; c++) columns[c]?.Append(NativeMethods.DataChunkGetVector(chunk.Chunk, (ulong)c), 0, rows);
        }
    }

    /// <summary>
    /// Copies a large result on two threads. This thread fetches chunks in batches; a pool thread copies one set of columns of a
    /// batch while this one copies the rest and then fetches the next batch. A batch's chunks are freed here, on the thread that
    /// fetched them, once both are done with it. Each column is copied by one thread only, in chunk order. When the pool is slow to
    /// start the work, this thread does it itself, so the copy is never slower than on one thread by more than the hand-over.
    /// </summary>
    internal sealed class SplitCopy : IDisposable
    {
        /// <summary>Rows below which one thread copies alone: the hand-over would cost more than it saves.</summary>
        internal const long MinimumRows = 64 * 2048;

        /// <summary>Chunks per batch: enough to make a hand-over cheap, few enough to stay in the caches.</summary>
        private const int BatchChunks = 8;

        private readonly ChunkReader _reader;
        private readonly ColumnBuilder?[] _mine;
        private readonly ColumnBuilder?[] _helped;
        private readonly List<DataChunkHandle> _batch = new(BatchChunks);
        private readonly List<DataChunkHandle> _previous = new(BatchChunks);
        private BatchWork? _running;

        public SplitCopy(ChunkReader reader, ColumnBuilder[] builders, bool[] helped)
        {
            _reader = reader;
            _mine = new ColumnBuilder?[builders.Length];
            _helped = new ColumnBuilder?[builders.Length];
            for (var c = 0; c < builders.Length; c++)
            {
                if (helped[c]) _helped[c] = builders[c];
                else _mine[c] = builders[c];
            }
        }

        /// <summary>
        /// Which columns the pool thread copies, or null to copy on one thread (a small result, one core). The fetching thread
        /// starts with the cost of fetching (<see cref="FetchShare"/>); each column, dearest first, goes to the thread with less to
        /// do, so the pool thread gets at least one. Text and nested columns cost more per row than their fixed-width parts suggest.
        /// </summary>
        public static bool[]? Columns(ColumnBuilder[] builders, long expected)
        {
            if (expected < MinimumRows || builders.Length == 0 || Environment.ProcessorCount < 2) return null;
            var weights = builders.Select(Weight).ToArray();
            var fetching = weights.Sum() * FetchShare;
            double mine = fetching, helper = 0;
            var helped = new bool[builders.Length];
            foreach (var c in Enumerable.Range(0, builders.Length).OrderByDescending(c => weights[c]))
            {
                if (helper <= mine)
                {
                    helped[c] = true;
                    helper += weights[c];
                }
                else mine += weights[c];
            }
            return helped;
        }

        /// <summary>
        /// The fetching thread's own work, counted as this share of the cost of copying every column. At 5,000,000 rows of the
        /// benchmark's table, shares of 0, 0.5 and 1 (the pool thread copying every column) gave the same time within the noise.
        /// </summary>
        private const double FetchShare = 0.5;

        private static double Weight(ColumnBuilder builder) => builder switch
        {
            VarLengthBuilder => 24,
            FixedBuilder<bool> or FixedBuilder<sbyte> or FixedBuilder<byte> => 1,
            FixedBuilder<short> or FixedBuilder<ushort> => 2,
            FixedBuilder<int> or FixedBuilder<uint> or FixedBuilder<float> => 4,
            FixedBuilder<long> or FixedBuilder<ulong> or FixedBuilder<double> => 8,
            _ => 16,
        };

        public void Run()
        {
            while (true)
            {
                while (_batch.Count < BatchChunks && _reader.Next() is { } chunk) _batch.Add(chunk);
                Settle();
                if (_batch.Count == 0) return;
                var last = _batch.Count < BatchChunks;
                _running = BatchWork.Start(_batch, _helped);
                foreach (var chunk in _batch) ChunkReader.CopyColumns(chunk, _mine);
                // The batch now belongs to the work until it is settled; the next one is fetched meanwhile.
                _previous.AddRange(_batch);
                _batch.Clear();
                if (last)
                {
                    Settle();
                    return;
                }
            }
        }

        /// <summary>Waits for (or does) the pool thread's part of the previous batch, then frees its chunks.</summary>
        private void Settle()
        {
            var running = _running;
            _running = null;
            try
            {
                running?.Finish();
            }
            finally
            {
                foreach (var chunk in _previous) chunk.Dispose();
                _previous.Clear();
            }
        }

        /// <summary>On failure (a cancel, DuckDB's error), waits for the pool thread before any chunk it may read is freed.</summary>
        public void Dispose()
        {
            // The failure already on its way out is the one to report.
            _running?.Finish(rethrow: false);
            _running = null;
            foreach (var chunk in _previous) chunk.Dispose();
            foreach (var chunk in _batch) chunk.Dispose();
        }
    }

    /// <summary>One batch's copy for the pool thread.</summary>
    private sealed class BatchWork(DataChunkHandle[] chunks, ColumnBuilder?[] columns) : PoolWork
    {
        public static BatchWork Start(List<DataChunkHandle> chunks, ColumnBuilder?[] columns)
        {
            var work = new BatchWork([.. chunks], columns);
            work.Start();
            return work;
        }

        protected override void Run()
        {
            foreach (var chunk in chunks) ChunkReader.CopyColumns(chunk, columns);
        }
    }

    /// <summary>One chunk as a frame (streaming).</summary>
    public Frame ReadChunk(DataChunkHandle chunk) => Build(chunk);

    /// <summary>A frame of one chunk, its text measured first so every buffer is allocated once; no chunk gives an empty frame.</summary>
    private Frame Build(DataChunkHandle? chunk)
    {
        var rows = chunk is null ? 0 : (int)NativeMethods.DataChunkGetSize(chunk.Chunk);
        var builders = NewBuilders();
        for (var c = 0; c < builders.Length; c++)
        {
            if (chunk is not null && builders[c] is VarLengthBuilder) builders[c].Measure(NativeMethods.DataChunkGetVector(chunk.Chunk, (ulong)c), 0, rows);
            builders[c].Reserve(rows);
            if (chunk is not null) builders[c].Append(NativeMethods.DataChunkGetVector(chunk.Chunk, (ulong)c), 0, rows);
        }
        return Finish(builders);
    }

    /// <summary>The rows of a materialised result; -1 for a streaming one.</summary>
    internal long Rows => _streaming ? -1L : (long)NativeMethods.RowCount(_handle.Result);

    /// <summary>A reader of this materialised result from both ends, into <paramref name="builders"/> reserved for every row.</summary>
    internal RangeCopy ReaderFromBothEnds(ColumnBuilder[] builders) => new(_handle.Result, builders, checked((int)Rows));

    internal ColumnBuilder[] NewBuilders() => [.. Specs.Select(ColumnBuilder.For)];

    internal Frame Finish(ColumnBuilder[] builders)
    {
        var columns = new Column[builders.Length];
        for (var c = 0; c < columns.Length; c++) columns[c] = builders[c].Build(Names[c]);
        return new Frame(columns);
    }

    /// <summary>An empty frame with this result's schema.</summary>
    public Frame EmptyFrame() => Build(null);

    public void Dispose() => _handle.Dispose();
}
