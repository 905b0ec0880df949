namespace Mallard.Data;

public sealed partial class Frame
{
    /// <summary>
    /// Maps every row to a <typeparamref name="T"/> by column name, ignoring case and underscores
    /// (<c>customer_id</c> fills <c>CustomerId</c>). A class with a public parameterless constructor is
    /// built with it and its settable and init-only properties are filled; otherwise the public
    /// constructor with the most parameters is called (a positional record's), and any further settable
    /// properties are filled as well. A property without a matching column keeps its default; a
    /// constructor parameter without one throws <see cref="InvalidOperationException"/> unless it is
    /// optional. NULL becomes null; NULL for a non-nullable value type throws
    /// <see cref="InvalidCastException"/>, as does a value that does not fit its target.
    /// </summary>
    public IReadOnlyList<T> ToRecords<T>() => RecordMapper.ToRecords<T>(this);

    /// <summary>
    /// A frame with a column per public readable property of <typeparamref name="T"/>, in declaration order.
    /// Column types: BOOLEAN, the integer types, FLOAT, DOUBLE, VARCHAR (string, char, enums by name),
    /// DATE (DateOnly), TIMESTAMP (DateTime), TIMESTAMP WITH TIME ZONE (DateTimeOffset, as UTC), TIME
    /// (TimeOnly), TIME WITH TIME ZONE (TimeWithOffset), UUID (Guid), BLOB (byte[]), INTERVAL (TimeSpan,
    /// Interval), and DECIMAL(38, s) for decimal, with s the largest scale among the values (reduced only
    /// if the values' integer digits need the room). Null values become NULL.
    /// </summary>
    public static Frame FromRecords<T>(IEnumerable<T> records) => RecordColumns.FromRecords(records);
}
