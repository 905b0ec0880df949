using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Mallard.Data;
using Mallard.DuckDb.Interop;

namespace Mallard.DuckDb.Reading;

/// <summary>
/// Copies VARCHAR and BLOB vectors (<c>duckdb_string_t</c>: 16 bytes, inlined up to 12 bytes, else a
/// pointer) into one byte buffer with offsets. A single chunk is measured first and its buffer sized
/// exactly; a whole result's buffer is sized from its first chunk and grows when later values are longer.
/// Written from both ends (<see cref="RangeCopy"/>), the two threads share that buffer: the front's text goes from its start
/// up and the back's from its end down, each reserving room for a chunk before copying it; a chunk that finds no room (the
/// first chunk promised shorter text than came) goes to a buffer of that thread's own. The back's text moves down to follow
/// the front's when both are done.
/// </summary>
internal sealed unsafe class VarLengthBuilder : ColumnBuilder
{
    private const int InlineLength = 12;
    private readonly bool _blob;
    private byte[] _data = [];
    private int[] _offsets = [0];
    private long _measured;

    /// <summary>Reading from both ends: the room in <see cref="_data"/> between the front's text and the back's (<see cref="TwoEnds"/>).</summary>
    private long _ends;

    private bool _fromBothEnds;

    /// <summary>The front's text after its room in <see cref="_data"/> ran out, in row order.</summary>
    private byte[] _frontMore = [];
    private int _frontMoreUsed;

    /// <summary>The back's text after its room in <see cref="_data"/> ran out, filled from its end down.</summary>
    private byte[] _backMore = [];
    private int _backMoreStart;

    public VarLengthBuilder(ColumnSpec spec, bool blob)
        : base(spec) => _blob = blob;

    public override void Measure(nint vector, int start, int rows)
    {
        _measured += Bytes(vector, start, rows);
        if (_measured > Array.MaxLength)
            throw TooLong();
    }

    /// <summary>
    /// Sizes the text buffers among <paramref name="builders"/> for <paramref name="totalRows"/> rows from <paramref name="first"/>,
    /// a result's first chunk (nothing to size when it holds every row).
    /// </summary>
    public static void SizeFromFirstChunk(ColumnBuilder[] builders, DataChunkHandle first, long totalRows)
    {
        var rows = (int)NativeMethods.DataChunkGetSize(first.Chunk);
        if (totalRows <= rows) return;
        for (var c = 0; c < builders.Length; c++)
            if (builders[c] is VarLengthBuilder text) text.Estimate(NativeMethods.DataChunkGetVector(first.Chunk, (ulong)c), rows, totalRows);
    }

    /// <summary>
    /// Sizes the byte buffer for <paramref name="totalRows"/> rows from the bytes per row of a first chunk
    /// (plus a small margin), so that a large result rarely grows its buffer.
    /// </summary>
    private void Estimate(nint vector, int rows, long totalRows)
    {
        var before = _measured;
        Measure(vector, 0, rows);
        var sample = _measured - before;
        _measured = before;
        var estimate = (long)Math.Ceiling((double)sample / Math.Max(1, rows) * totalRows * 1.02) + 64;
        if (estimate > _data.Length) GrowData(Math.Min(estimate, Array.MaxLength), _offsets[Count]);
    }

    public override Column Build(string name) => _blob
        ? new BlobColumn(name, _data, _offsets, Count, BuildValidity())
        : new StringColumn(name, _data, _offsets, Count, BuildValidity());

    public override bool WritesAtRow => true;

    protected override void WriteValuesAt(nint vector, int rows, int at, bool fromEnd)
    {
        if (!_fromBothEnds)
        {
            // The front's first chunk, before the back's thread starts.
            _fromBothEnds = true;
            _ends = TwoEnds.Of(0, _data.Length);
        }
        var bytes = Bytes(vector, 0, rows);
        if (bytes > Array.MaxLength) throw TooLong();
        fixed (int* offsets = _offsets)
        {
            var ends = offsets + at;
            if (!fromEnd)
            {
                if (_frontMore.Length == 0 && TwoEnds.TryTake(ref _ends, front: true, (int)bytes, out var position))
                {
                    Copy(vector, rows, _data, position, (int)bytes, ends, shift: 0);
                    return;
                }
                // From here on the front's text continues in a buffer of its own, counted from the end of its room in _data.
                var room = TwoEnds.Front(Volatile.Read(ref _ends));
                if ((long)room + _frontMoreUsed + bytes > Array.MaxLength) throw TooLong();
                if (_frontMoreUsed + bytes > _frontMore.Length) _frontMore = Grown(_frontMore, 0, _frontMoreUsed, _frontMoreUsed + bytes, atEnd: false);
                Copy(vector, rows, _frontMore, _frontMoreUsed, (int)bytes, ends, shift: room);
                _frontMoreUsed += (int)bytes;
                return;
            }
            // The back's rows end relative to the end of all the back's text: the end of _data, with _backMore before it.
            if (_backMore.Length == 0 && TwoEnds.TryTake(ref _ends, front: false, (int)bytes, out var start))
            {
                Copy(vector, rows, _data, start, (int)bytes, ends, shift: -_data.Length);
                return;
            }
            var tail = _data.Length - TwoEnds.Back(Volatile.Read(ref _ends));
            var more = _backMore.Length - _backMoreStart;
            if ((long)tail + more + bytes > Array.MaxLength) throw TooLong();
            if (bytes > _backMoreStart)
            {
                _backMore = Grown(_backMore, _backMoreStart, more, more + bytes, atEnd: true);
                _backMoreStart = _backMore.Length - more;
            }
            _backMoreStart -= (int)bytes;
            Copy(vector, rows, _backMore, _backMoreStart, (int)bytes, ends, shift: -(_backMore.Length + tail));
        }
    }

    /// <summary>
    /// Copies a whole vector's <paramref name="bytes"/> of text to <paramref name="buffer"/> at <paramref name="position"/>, and
    /// each row's end, plus <paramref name="shift"/>, to <c>ends[1..rows]</c>. Nothing is written outside the room reserved.
    /// </summary>
    private static void Copy(nint vector, int rows, byte[] buffer, int position, int bytes, int* ends, int shift)
    {
        var at = position;
        fixed (byte* data = buffer)
        {
            var done = CopyStrings(vector, 0, rows, data, ref at, position + bytes, ends);
            if (done != rows || at != position + bytes) throw new InvalidOperationException("A text vector changed while it was copied.");
        }
        if (shift != 0)
        {
            for (var i = 1; i <= rows; i++) ends[i] += shift;
        }
    }

    /// <summary>A larger copy of <paramref name="buffer"/>'s <paramref name="used"/> bytes from <paramref name="start"/>, at its start or its end.</summary>
    private static byte[] Grown(byte[] buffer, int start, int used, long needed, bool atEnd)
    {
        var size = (int)Math.Min(Array.MaxLength, Math.Max(needed, Math.Max(4096L, (long)buffer.Length * 2)));
        var grown = ColumnMemory.Allocate<byte>(size);
        buffer.AsSpan(start, used).CopyTo(grown.AsSpan(atEnd ? size - used : 0));
        return grown;
    }

    /// <summary>
    /// Joins the text the two threads wrote apart: the front's room in <see cref="_data"/> and anything after it, then the back's
    /// overflow and its room at the end of <see cref="_data"/>, and makes the back's rows' ends count from the start.
    /// </summary>
    protected override void CompleteValues(int frontRows)
    {
        if (!_fromBothEnds) return;
        var ends = Volatile.Read(ref _ends);
        var frontRoom = TwoEnds.Front(ends);
        var backStart = TwoEnds.Back(ends);
        var tail = _data.Length - backStart;
        var backMore = _backMore.Length - _backMoreStart;
        var front = (long)frontRoom + _frontMoreUsed;
        var total = front + backMore + tail;
        if (total > Array.MaxLength) throw TooLong();
        if (_frontMoreUsed == 0 && backMore == 0)
        {
            // The usual case: the back's text moves down to follow the front's, in place.
            _data.AsSpan(backStart, tail).CopyTo(_data.AsSpan(frontRoom));
        }
        else
        {
            var joined = ColumnMemory.Allocate<byte>((int)total);
            _data.AsSpan(0, frontRoom).CopyTo(joined);
            _frontMore.AsSpan(0, _frontMoreUsed).CopyTo(joined.AsSpan(frontRoom));
            _backMore.AsSpan(_backMoreStart, backMore).CopyTo(joined.AsSpan((int)front));
            _data.AsSpan(backStart, tail).CopyTo(joined.AsSpan((int)(front + backMore)));
            _data = joined;
        }
        var shift = (int)total;
        var rows = _offsets.AsSpan(frontRows + 1, Count - frontRows);
        var i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var by = new System.Numerics.Vector<int>(shift);
            for (; i <= rows.Length - System.Numerics.Vector<int>.Count; i += System.Numerics.Vector<int>.Count)
                (new System.Numerics.Vector<int>(rows[i..]) + by).CopyTo(rows[i..]);
        }
        for (; i < rows.Length; i++) rows[i] += shift;
        _frontMore = [];
        _backMore = [];
        _frontMoreUsed = _backMoreStart = 0;
        _fromBothEnds = false;
    }

    private NotSupportedException TooLong() =>
        new($"The {Spec.Type.Name} values of this result exceed the 2 GiB a column can hold; read it with a streaming reader or select fewer rows.");

    protected override void AppendValues(nint vector, int start, int rows)
    {
        var position = _offsets[Count];
        var done = 0;
        while (true)
        {
            fixed (byte* data = _data)
            fixed (int* offsets = _offsets)
                done += CopyStrings(vector, start + done, rows - done, data, ref position, _data.Length, offsets + Count + done);
            if (done == rows) return;
            // Longer values than the buffer was sized for: make room for the rest of this vector.
            GrowData(position + Bytes(vector, start + done, rows - done), position);
        }
    }

    /// <summary>
    /// Copies the values of vector rows [start, start+rows) to <paramref name="data"/> from
    /// <paramref name="position"/>, and each row's end to <c>offsets[1..]</c>, until a value does not fit
    /// before <paramref name="limit"/>; returns how many rows were copied. Short values are copied in whole
    /// words, which may write scratch bytes after a value but never at or past <paramref name="limit"/>.
    /// </summary>
    private static int CopyStrings(nint vector, int start, int rows, byte* data, ref int position, int limit, int* offsets)
    {
        var strings = (byte*)NativeMethods.VectorGetData(vector) + (start * 16L);
        var validity = NativeMethods.VectorGetValidity(vector);
        var at = position;
        var i = 0;
        for (; i < rows; i++)
        {
            if (IsValid(validity, start + i))
            {
                var entry = strings + (i * 16L);
                var length = *(int*)entry;
                var room = limit - at;
                if (length > room) break;
                var target = data + at;
                if (length <= InlineLength)
                {
                    // Inlined: the value is in the 12 bytes after its length.
                    if (room >= InlineLength)
                    {
                        Unsafe.WriteUnaligned(target, Unsafe.ReadUnaligned<ulong>(entry + 4));
                        Unsafe.WriteUnaligned(target + 8, Unsafe.ReadUnaligned<uint>(entry + 12));
                    }
                    else Buffer.MemoryCopy(entry + 4, target, length, length);
                }
                else
                {
                    // Longer values live elsewhere; copied exactly, as two overlapping words up to 32 bytes.
                    var source = *(byte**)(entry + 8);
                    if (length <= 16)
                    {
                        Unsafe.WriteUnaligned(target, Unsafe.ReadUnaligned<ulong>(source));
                        Unsafe.WriteUnaligned(target + length - 8, Unsafe.ReadUnaligned<ulong>(source + length - 8));
                    }
                    else if (length <= 32)
                    {
                        Vector128.Store(Vector128.Load(source), target);
                        Vector128.Store(Vector128.Load(source + length - 16), target + length - 16);
                    }
                    else Buffer.MemoryCopy(source, target, length, length);
                }
                at += length;
            }
            offsets[i + 1] = at;
        }
        position = at;
        return i;
    }

    private static long Bytes(nint vector, int start, int rows)
    {
        var strings = (byte*)NativeMethods.VectorGetData(vector);
        var validity = NativeMethods.VectorGetValidity(vector);
        long total = 0;
        for (var i = start; i < start + rows; i++)
        {
            if (IsValid(validity, i)) total += *(uint*)(strings + (i * 16));
        }
        return total;
    }

    protected override void GrowValues(int capacity)
    {
        var offsets = ColumnMemory.Allocate<int>(capacity + 1);
        _offsets.AsSpan(0, Count + 1).CopyTo(offsets);
        _offsets = offsets;
        if (_measured > _data.Length) GrowData(_measured, _offsets[Count]);
    }

    private void GrowData(long needed, int used)
    {
        if (needed > Array.MaxLength)
            throw TooLong();
        var size = needed <= _measured ? needed : Math.Min(Array.MaxLength, Math.Max(needed, _data.Length + (_data.Length >> 1)));
        var data = ColumnMemory.Allocate<byte>((int)size);
        _data.AsSpan(0, used).CopyTo(data);
        _data = data;
    }
}
