using Mallard.Data;
using Mallard.DuckDb.Interop;

namespace Mallard.DuckDb.Reading;

/// <summary>LIST and MAP vectors: a <c>duckdb_list_entry</c> per row into a child vector (MAP's child is a key/value STRUCT).</summary>
internal sealed unsafe class ListBuilder : ColumnBuilder
{
    private readonly ColumnBuilder _elements;
    private int[] _offsets = [0];

    public ListBuilder(ColumnSpec spec)
        : base(spec) => _elements = For(spec.Children[0]);

    public override Column Build(string name)
    {
        var elements = _elements.Build("element");
        if (Spec.TypeId == DuckDbTypeId.Map)
        {
            var entries = (StructColumn)elements;
            return new MapColumn(name, Spec.Type, _offsets, entries.Fields[0].WithName("key"), entries.Fields[1].WithName("value"), Count, BuildValidity());
        }
        return new ListColumn(name, Spec.Type, _offsets, elements, Count, BuildValidity());
    }

    protected override void AppendValues(nint vector, int start, int rows)
    {
        var entries = (DuckDbListEntry*)NativeMethods.VectorGetData(vector);
        var validity = NativeMethods.VectorGetValidity(vector);
        var child = NativeMethods.ListVectorGetChild(vector);
        for (var i = 0; i < rows; i++)
        {
            var row = start + i;
            if (IsValid(validity, row))
            {
                var entry = entries[row];
                _elements.Append(child, checked((int)entry.Offset), checked((int)entry.Length));
            }
            _offsets[Count + i + 1] = _elements.Count;
        }
    }

    protected override void GrowValues(int capacity)
    {
        var offsets = new int[capacity + 1];
        _offsets.AsSpan(0, Count + 1).CopyTo(offsets);
        _offsets = offsets;
    }
}

/// <summary>ARRAY vectors: a fixed number of elements per row, laid out back to back in the child vector.</summary>
internal sealed class ArrayBuilder : ColumnBuilder
{
    private readonly ColumnBuilder _elements;
    private readonly int _size;

    public ArrayBuilder(ColumnSpec spec)
        : base(spec)
    {
        _elements = For(spec.Children[0]);
        _size = spec.Type.ArraySize;
    }

    public override Column Build(string name)
    {
        var offsets = new int[Count + 1];
        for (var i = 0; i <= Count; i++) offsets[i] = i * _size;
        return new ListColumn(name, Spec.Type, offsets, _elements.Build("element"), Count, BuildValidity());
    }

    protected override void AppendValues(nint vector, int start, int rows) =>
        _elements.Append(NativeMethods.ArrayVectorGetChild(vector), start * _size, rows * _size);

    protected override void GrowValues(int capacity)
    {
    }
}

/// <summary>STRUCT vectors: no data of their own, one child vector per field.</summary>
internal sealed class StructBuilder : ColumnBuilder
{
    private readonly ColumnBuilder[] _fields;

    public StructBuilder(ColumnSpec spec)
        : base(spec) => _fields = [.. spec.Children.Select(For)];

    public override Column Build(string name)
    {
        var fields = new Column[_fields.Length];
        for (var i = 0; i < fields.Length; i++) fields[i] = _fields[i].Build(Spec.Type.Fields[i].Name);
        return new StructColumn(name, Spec.Type, fields, Count, BuildValidity());
    }

    protected override void AppendValues(nint vector, int start, int rows)
    {
        for (var i = 0; i < _fields.Length; i++) _fields[i].Append(NativeMethods.StructVectorGetChild(vector, (ulong)i), start, rows);
    }

    protected override void GrowValues(int capacity)
    {
        foreach (var field in _fields) field.Reserve(capacity);
    }
}
