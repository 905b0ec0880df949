using Mallard.Data;
using Mallard.DuckDb.Interop;

namespace Mallard.DuckDb.Reading;

/// <summary>
/// Copies VARCHAR and BLOB vectors (<c>duckdb_string_t</c>: 16 bytes, inlined up to 12 bytes, else a
/// pointer) into one byte buffer with offsets. A measuring pass first sizes the buffer exactly.
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
        var strings = (byte*)NativeMethods.VectorGetData(vector);
        var validity = NativeMethods.VectorGetValidity(vector);
        long total = 0;
        for (var i = start; i < start + rows; i++)
        {
            if (IsValid(validity, i)) total += *(uint*)(strings + (i * 16));
        }
        _measured += total;
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
        var strings = (byte*)NativeMethods.VectorGetData(vector);
        var validity = NativeMethods.VectorGetValidity(vector);
        var at = _offsets[Count];
        for (var i = 0; i < rows; i++)
        {
            var row = start + i;
            if (IsValid(validity, row))
            {
                var entry = strings + (row * 16);
                var length = (int)*(uint*)entry;
                var source = length <= InlineLength ? entry + 4 : *(byte**)(entry + 8);
                if (at + length > _data.Length) GrowData(at + length, at);
                new ReadOnlySpan<byte>(source, length).CopyTo(_data.AsSpan(at));
                at += length;
            }
            _offsets[Count + i + 1] = at;
        }
    }

    protected override void GrowValues(int capacity)
    {
        var offsets = new int[capacity + 1];
        _offsets.AsSpan(0, Count + 1).CopyTo(offsets);
        _offsets = offsets;
        if (_measured > _data.Length) GrowData(_measured, _offsets[Count]);
    }

    private void GrowData(long needed, int used)
    {
        if (needed > Array.MaxLength)
            throw new NotSupportedException($"The {Spec.Type.Name} values of this result exceed the 2 GiB a column can hold; read it with a streaming reader or select fewer rows.");
        var size = needed <= _measured ? needed : Math.Min(Array.MaxLength, Math.Max(needed, _data.Length + (_data.Length >> 1)));
        var data = GC.AllocateUninitializedArray<byte>((int)size);
        _data.AsSpan(0, used).CopyTo(data);
        _data = data;
    }
}
