using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Mallard.Data;
using Mallard.DuckDb.Interop;

namespace Mallard.DuckDb.Reading;

/// <summary>
/// Copies VARCHAR and BLOB vectors (<c>duckdb_string_t</c>: 16 bytes, inlined up to 12 bytes, else a
/// pointer) into one byte buffer with offsets. A single chunk is measured first and its buffer sized
/// exactly; a whole result's buffer is sized from its first chunk and grows when later values are longer.
/// Written from both ends (<see cref="RangeCopy"/>), the rows written from the end keep their text in a buffer of their own,
/// filled from its end down, which joins the main one when both threads are done.
/// </summary>
internal sealed unsafe class VarLengthBuilder : ColumnBuilder
{
    private const int InlineLength = 12;
    private readonly bool _blob;
    private byte[] _data = [];
    private int[] _offsets = [0];
    private long _measured;
    private byte[] _back = [];
    private int _backStart;

    public VarLengthBuilder(ColumnSpec spec, bool blob)
        : base(spec) => _blob = blob;

    public override void Measure(nint vector, int start, int rows)
    {
        _measured += Bytes(vector, start, rows);
        if (_measured > Array.MaxLength)
            throw new NotSupportedException($"The {Spec.Type.Name} values of this result exceed the 2 GiB a column can hold; read it with a streaming reader or select fewer rows.");
    }

    /// <summary>
    /// Sizes the byte buffer for <paramref name="totalRows"/> rows from the bytes per row of a first chunk
    /// (plus a small margin), so that a large result rarely grows its buffer.
    /// </summary>
    public void Estimate(nint vector, int rows, long totalRows)
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

    protected override void AppendValues(nint vector, int start, int rows) => CopyAt(vector, start, rows, Count);

    protected override void WriteValuesAt(nint vector, int rows, int at, bool fromEnd)
    {
        if (!fromEnd)
        {
            CopyAt(vector, 0, rows, at);
            return;
        }
        var bytes = Bytes(vector, 0, rows);
        if (bytes > _backStart) GrowBack(bytes);
        var position = _backStart - (int)bytes;
        fixed (byte* data = _back)
        fixed (int* offsets = _offsets)
        {
            var done = CopyStrings(vector, 0, rows, data, ref position, _backStart, offsets + at);
            if (done != rows || position != _backStart) throw new InvalidOperationException("A text vector changed while it was copied.");
            // Each row's end is kept relative to the end of the buffer, which stays where it is when the buffer grows.
            var length = _back.Length;
            for (var i = 1; i <= rows; i++) offsets[at + i] -= length;
        }
        _backStart -= (int)bytes;
    }

    /// <summary>Moves the text written from the end to follow the rest, and makes its rows' ends count from the buffer's start.</summary>
    protected override void CompleteValues(int frontRows)
    {
        var front = _offsets[frontRows];
        var back = _back.Length - _backStart;
        if ((long)front + back > Array.MaxLength)
            throw new NotSupportedException($"The {Spec.Type.Name} values of this result exceed the 2 GiB a column can hold; read it with a streaming reader or select fewer rows.");
        if (front + back > _data.Length) GrowData(front + back, front);
        _back.AsSpan(_backStart, back).CopyTo(_data.AsSpan(front));
        var shift = front + back;
        var ends = _offsets.AsSpan(frontRows + 1, Count - frontRows);
        var i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var by = new System.Numerics.Vector<int>(shift);
            for (; i <= ends.Length - System.Numerics.Vector<int>.Count; i += System.Numerics.Vector<int>.Count)
                (new System.Numerics.Vector<int>(ends[i..]) + by).CopyTo(ends[i..]);
        }
        for (; i < ends.Length; i++) ends[i] += shift;
        _back = [];
        _backStart = 0;
    }

    /// <summary>Makes room for <paramref name="needed"/> more bytes before the text written from the end, which moves to the new buffer's end.</summary>
    private void GrowBack(long needed)
    {
        var used = _back.Length - _backStart;
        if (used + needed > Array.MaxLength)
            throw new NotSupportedException($"The {Spec.Type.Name} values of this result exceed the 2 GiB a column can hold; read it with a streaming reader or select fewer rows.");
        // At first, room for about half the result's text as the first chunk sized it; then doubling.
        var size = Math.Min(Array.MaxLength, Math.Max(used + needed, Math.Max((long)_back.Length * 2, _data.Length / 2)));
        var back = ColumnMemory.Allocate<byte>((int)size);
        _back.AsSpan(_backStart, used).CopyTo(back.AsSpan((int)size - used));
        _back = back;
        _backStart = (int)size - used;
    }

    /// <summary>Copies rows [start, start+rows) of <paramref name="vector"/> as rows [at, at+rows), after the text of row at-1.</summary>
    private void CopyAt(nint vector, int start, int rows, int at)
    {
        var position = _offsets[at];
        var done = 0;
        while (true)
        {
            fixed (byte* data = _data)
            fixed (int* offsets = _offsets)
                done += CopyStrings(vector, start + done, rows - done, data, ref position, _data.Length, offsets + at + done);
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
            throw new NotSupportedException($"The {Spec.Type.Name} values of this result exceed the 2 GiB a column can hold; read it with a streaming reader or select fewer rows.");
        var size = needed <= _measured ? needed : Math.Min(Array.MaxLength, Math.Max(needed, _data.Length + (_data.Length >> 1)));
        var data = ColumnMemory.Allocate<byte>((int)size);
        _data.AsSpan(0, used).CopyTo(data);
        _data = data;
    }
}
