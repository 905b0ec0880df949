using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Mallard.Data;
using Mallard.DuckDb.Interop;

namespace Mallard.DuckDb.Reading;

/// <summary>
/// Copies VARCHAR and BLOB vectors (<c>duckdb_string_t</c>: 16 bytes, inlined up to 12 bytes, else a
/// pointer) into one byte buffer with offsets. A single chunk is measured first and its buffer sized
/// exactly; a whole result's buffer is sized from its first chunk and grows when later values are longer.
/// </summary>
internal sealed unsafe class VarLengthBuilder : ColumnBuilder
{
    private const int InlineLength = 12;
    private readonly bool _blob;
    private byte[] _data = [];
    private int[] _offsets = [0];
    private long _measured;

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
            throw new NotSupportedException($"The {Spec.Type.Name} values of this result exceed the 2 GiB a column can hold; read it with a streaming reader or select fewer rows.");
        var size = needed <= _measured ? needed : Math.Min(Array.MaxLength, Math.Max(needed, _data.Length + (_data.Length >> 1)));
        var data = ColumnMemory.Allocate<byte>((int)size);
        _data.AsSpan(0, used).CopyTo(data);
        _data = data;
    }
}
