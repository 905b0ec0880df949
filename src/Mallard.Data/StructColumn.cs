namespace Mallard.Data;

/// <summary>A STRUCT column: one child column per field. A value reads as a dictionary from field name to value, in field order.</summary>
public sealed class StructColumn : Column
{
    internal StructColumn(string name, DataType type, IReadOnlyList<Column> fields, int length, ulong[]? validity)
        : base(name, type, length, validity)
    {
        if (type.Kind != DataKind.Struct) throw new ArgumentException($"A struct column needs a STRUCT type, not {type.Name}.", nameof(type));
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count != type.Fields.Count) throw new ArgumentException($"Column '{name}' of type {type.Name} needs {type.Fields.Count} field columns, not {fields.Count}.", nameof(fields));
        Fields = fields;
    }

    /// <summary>
    /// Creates a STRUCT column from field columns of equal length; each field is named after its column.
    /// <paramref name="validity"/> marks NULL rows of the struct itself (bit set = value present; null = none NULL).
    /// </summary>
    public static StructColumn Create(string name, IReadOnlyList<Column> fields, ulong[]? validity = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0) throw new ArgumentException($"Struct column '{name}' needs at least one field.", nameof(fields));
        var length = fields[0].Length;
        foreach (var field in fields)
        {
            ArgumentNullException.ThrowIfNull(field, nameof(fields));
            if (field.Length != length)
                throw new ArgumentException($"Field '{field.Name}' of struct column '{name}' has {field.Length} rows but field '{fields[0].Name}' has {length}.", nameof(fields));
        }
        var type = DataType.Struct(fields.Select(f => new StructField(f.Name, f.Type)));
        return new StructColumn(name, type, [.. fields], length, validity);
    }

    /// <summary>The field columns, each as long as this column.</summary>
    public IReadOnlyList<Column> Fields { get; }

    public override Column WithName(string name) => new StructColumn(name, Type, Fields, Length, ValidityArray);

    private protected override object GetValueCore(int row)
    {
        var value = new Dictionary<string, object?>(Fields.Count, StringComparer.Ordinal);
        for (var f = 0; f < Fields.Count; f++) value[Type.Fields[f].Name] = Fields[f].GetValue(row);
        return value;
    }

    private protected override Column TakeCore(ReadOnlySpan<int> rows, ulong[]? validity)
    {
        var fields = new Column[Fields.Count];
        for (var f = 0; f < fields.Length; f++) fields[f] = Fields[f].Take(rows);
        return new StructColumn(Name, Type, fields, rows.Length, validity);
    }
}
