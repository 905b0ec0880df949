using Mallard.DuckDb.Interop;

namespace Mallard.DuckDb.Reading;

/// <summary>
/// Reads a large materialised result of fixed-width and text columns on two threads, from both ends. This thread takes chunks
/// from the first on and writes their rows from row 0 up; a pool thread takes chunks from the last back and writes their rows
/// from the last row down. Each thread fetches its own chunks by index, so DuckDB's copy of each chunk out of the result (about
/// half the time a floor reader spends) is shared as well as Mallard's. They meet wherever they meet: a pool thread that starts
/// late, or never, takes fewer chunks, and the copy is then no slower than on one thread but for the hand-over.
/// </summary>
/// <remarks>
/// Each column's buffers are reserved for every row before the first chunk, so the threads write disjoint rows of the same
/// arrays; NULLs go to a bitmap per thread, combined at the end, and text fills its buffer from both ends, each thread reserving
/// room for a chunk at a time (<see cref="VarLengthBuilder"/>). Each thread frees the chunks it fetched.
/// <para>
/// <c>duckdb_result_get_chunk</c> does not catch DuckDB's exceptions as <c>duckdb_fetch_chunk</c> does, and one that escaped would
/// end the process. None can arise here: a result of the C API's statements is held in plain memory (DuckDB 1.5's
/// <c>QueryResultMemoryType::IN_MEMORY</c>, not its buffer manager), so copying a chunk out of it pins, loads and reads back
/// nothing, and can only fail where allocating memory fails. <c>RangeCopyTests</c> checks that premise: a result far over
/// DuckDB's memory limit leaves nothing in its temporary storage and is read whole.
/// </para>
/// </remarks>
internal sealed unsafe class RangeCopy
{
    private readonly DuckDbResultStruct* _result;
    private readonly ColumnBuilder[] _builders;
    private readonly int _rows;

    /// <summary>The chunks neither thread has claimed (<see cref="TwoEnds"/>).</summary>
    private long _ends;

    private volatile bool _stop;

    public RangeCopy(DuckDbResultStruct* result, ColumnBuilder[] builders, int rows)
    {
        _result = result;
        _builders = builders;
        _rows = rows;
    }

    /// <summary>
    /// Rows below which one thread reads alone: eight chunks, a millisecond's work, against a hand-over of tens of microseconds.
    /// At 100,000 rows (49 chunks), in one process alternating with the floor, reading from both ends took <c>Query</c> from 1.48
    /// to 1.10-1.21 times the floor; BenchmarkDotNet's jobs, where a gen-2 collection weighs more, gave 1.38-1.59.
    /// </summary>
    internal const long MinimumRows = 8 * 2048;

    /// <summary>
    /// True when a materialised result of <paramref name="rows"/> rows is read this way: at least <see cref="MinimumRows"/> rows,
    /// two cores or more, and every column one whose rows can be written at any row (nested columns are split by column instead).
    /// </summary>
    public static bool Applies(ColumnBuilder[] builders, long rows) =>
        rows >= MinimumRows && rows <= Array.MaxLength && Environment.ProcessorCount > 1
        && builders.Length > 0 && builders.All(builder => builder.WritesAtRow);

    /// <summary>Reads every chunk into the builders, reserved for the whole result; <paramref name="throwIfCancelled"/> runs before each chunk here.</summary>
    public void Run(Action? throwIfCancelled)
    {
        var count = NativeMethods.ResultChunkCount(*_result);
        if (count > int.MaxValue) throw new NotSupportedException($"The result has {count:N0} chunks, more than Mallard reads.");
        _ends = TwoEnds.Of(0, (int)count);
        var frontNulls = new ulong[]?[_builders.Length];
        throwIfCancelled?.Invoke();
        // The first chunk is read here, before the pool thread starts: it sizes the text buffers (and DuckDB marks the result
        // as read by index on the first such fetch).
        if (!TryClaim(front: true, out var first)) throw Mismatch(0);
        var row = 0;
        using (var chunk = Fetch(first))
        {
            VarLengthBuilder.SizeFromFirstChunk(_builders, chunk, _rows);
            row = WriteFront(chunk, row, frontNulls);
        }
        var back = new BackWork(this);
        back.Start();
        try
        {
            while (true)
            {
                throwIfCancelled?.Invoke();
                // A failure on the pool thread stops this one too; Finish reports it.
                if (_stop || !TryClaim(front: true, out var index)) break;
                using var chunk = Fetch(index);
                row = WriteFront(chunk, row, frontNulls);
            }
        }
        catch
        {
            // The pool thread stops at its next chunk; nothing is left to free once it has.
            _stop = true;
            back.Finish(rethrow: false);
            throw;
        }
        back.Finish(rethrow: true);
        if (row != back.Row) throw Mismatch(row + (_rows - back.Row));
        for (var c = 0; c < _builders.Length; c++) _builders[c].CompleteRows(row, frontNulls[c], back.Nulls[c]);
    }

    private int WriteFront(DataChunkHandle chunk, int row, ulong[]?[] nulls)
    {
        var size = Size(chunk);
        if (size > _rows - row) throw Mismatch(row + size);
        for (var c = 0; c < _builders.Length; c++)
            _builders[c].WriteAt(NativeMethods.DataChunkGetVector(chunk.Chunk, (ulong)c), size, row, fromEnd: false, ref nulls[c]);
        return row + size;
    }

    private int WriteBack(DataChunkHandle chunk, int end, ulong[]?[] nulls)
    {
        var size = Size(chunk);
        if (size > end) throw Mismatch(_rows - end + size);
        var at = end - size;
        for (var c = 0; c < _builders.Length; c++)
            _builders[c].WriteAt(NativeMethods.DataChunkGetVector(chunk.Chunk, (ulong)c), size, at, fromEnd: true, ref nulls[c]);
        return at;
    }

    private static int Size(DataChunkHandle chunk) => (int)NativeMethods.DataChunkGetSize(chunk.Chunk);

    private DataChunkHandle Fetch(int index)
    {
        var chunk = NativeMethods.ResultGetChunk(*_result, (ulong)index);
        return chunk == nint.Zero
            ? throw new InvalidOperationException($"DuckDB gave no chunk {index} of a result it said had {NativeMethods.ResultChunkCount(*_result)}.")
            : new DataChunkHandle(chunk);
    }

    private InvalidOperationException Mismatch(long rows) =>
        new($"DuckDB's chunks held {rows:N0} rows or more, not the {_rows:N0} it counted for the result.");

    /// <summary>How many chunks neither thread has claimed yet.</summary>
    internal int Unclaimed => TwoEnds.Free(Volatile.Read(ref _ends));

    /// <summary>Claims the next chunk from the front or the back; false once every chunk is claimed.</summary>
    private bool TryClaim(bool front, out int index) => TwoEnds.TryTake(ref _ends, front, 1, out index);

    /// <summary>The pool thread's part: chunks from the last back, until the two ends meet.</summary>
    private sealed class BackWork(RangeCopy copy) : PoolWork
    {
        /// <summary>The first row written from the end (the result's row count until a chunk is).</summary>
        public int Row { get; private set; } = copy._rows;

        public ulong[]?[] Nulls { get; } = new ulong[]?[copy._builders.Length];

        protected override void Run()
        {
            while (!copy._stop && copy.TryClaim(front: false, out var index))
            {
                using var chunk = copy.Fetch(index);
                Row = copy.WriteBack(chunk, Row, Nulls);
            }
        }

        /// <summary>A failure here stops the front too.</summary>
        protected override void Failed() => copy._stop = true;
    }
}
