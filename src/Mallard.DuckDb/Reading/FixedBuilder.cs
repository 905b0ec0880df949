using Mallard.Data;
using Mallard.DuckDb.Interop;

namespace Mallard.DuckDb.Reading;

/// <summary>The column factory a builder hands its buffers to: name, values, row count, validity.</summary>
internal delegate Column ColumnFactory<T>(string name, T[] values, int count, ulong[]? validity);

/// <summary>Copies vectors whose memory layout is the column's storage, a whole vector at a time.</summary>
internal sealed unsafe class FixedBuilder<T> : ColumnBuilder
    where T : unmanaged
{
    private readonly ColumnFactory<T> _factory;
    private T[] _values = [];

    public FixedBuilder(ColumnSpec spec, ColumnFactory<T> factory)
        : base(spec) => _factory = factory;

    public override Column Build(string name) => _factory(name, _values, Count, BuildValidity());

    public override bool WritesAtRow => true;

    protected override void AppendValues(nint vector, int start, int rows) => Copy(vector, start, rows, Count);

    protected override void WriteValuesAt(nint vector, int rows, int at, bool fromEnd) => Copy(vector, 0, rows, at);

    private void Copy(nint vector, int start, int rows, int at) =>
        new ReadOnlySpan<T>((T*)NativeMethods.VectorGetData(vector) + start, rows).CopyTo(_values.AsSpan(at, rows));

    protected override void GrowValues(int capacity)
    {
        var values = ColumnMemory.Allocate<T>(capacity);
        _values.AsSpan(0, Count).CopyTo(values);
        _values = values;
    }
}

/// <summary>Converts each value while copying (narrow decimal and enum storage widened, UUIDs decoded).</summary>
internal sealed unsafe class WideningBuilder<TSource, T> : ColumnBuilder
    where TSource : unmanaged
    where T : unmanaged
{
    private readonly Func<TSource, T> _convert;
    private readonly ColumnFactory<T> _factory;
    private T[] _values = [];

    public WideningBuilder(ColumnSpec spec, Func<TSource, T> convert, ColumnFactory<T> factory)
        : base(spec)
    {
        _convert = convert;
        _factory = factory;
    }

    public override Column Build(string name) => _factory(name, _values, Count, BuildValidity());

    public override bool WritesAtRow => true;

    protected override void AppendValues(nint vector, int start, int rows) => Copy(vector, start, rows, Count);

    protected override void WriteValuesAt(nint vector, int rows, int at, bool fromEnd) => Copy(vector, 0, rows, at);

    private void Copy(nint vector, int start, int rows, int at)
    {
        var source = new ReadOnlySpan<TSource>((TSource*)NativeMethods.VectorGetData(vector) + start, rows);
        var target = _values.AsSpan(at, rows);
        for (var i = 0; i < source.Length; i++) target[i] = _convert(source[i]);
    }

    protected override void GrowValues(int capacity)
    {
        var values = ColumnMemory.Allocate<T>(capacity);
        _values.AsSpan(0, Count).CopyTo(values);
        _values = values;
    }
}
