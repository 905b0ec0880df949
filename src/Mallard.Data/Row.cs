namespace Mallard.Data;

/// <summary>A view of one row of a <see cref="Frame"/>; values are read from the columns on access.</summary>
public readonly struct Row : IEquatable<Row>
{
    internal Row(Frame frame, int index)
    {
        Frame = frame;
        Index = index;
    }

    public Frame Frame { get; }

    public int Index { get; }

    public object? this[int column] => Frame[column].GetValue(Index);

    public object? this[string column] => Frame[column].GetValue(Index);

    public bool IsNull(string column) => Frame[column].IsNull(Index);

    /// <summary>The value converted to <typeparamref name="T"/> (null gives default).</summary>
    public T? Get<T>(string column) => this[column] is { } value ? (T)RecordMapper.ConvertValue(value, typeof(T))! : default;

    /// <summary>The row's values in column order.</summary>
    public object?[] ToArray()
    {
        var values = new object?[Frame.ColumnCount];
        for (var i = 0; i < values.Length; i++) values[i] = Frame[i].GetValue(Index);
        return values;
    }

    /// <summary>The row's values as DuckDB writes them, for example <c>(1, Ada, NULL)</c>.</summary>
    public override string ToString()
    {
        var parts = new string[Frame.ColumnCount];
        for (var i = 0; i < parts.Length; i++) parts[i] = Frame[i].IsNull(Index) ? "NULL" : ValueText.Format(Frame[i], Index);
        return "(" + string.Join(", ", parts) + ")";
    }

    public bool Equals(Row other) => ReferenceEquals(Frame, other.Frame) && Index == other.Index;

    public override bool Equals(object? obj) => obj is Row other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Frame, Index);

    public static bool operator ==(Row left, Row right) => left.Equals(right);

    public static bool operator !=(Row left, Row right) => !left.Equals(right);
}
