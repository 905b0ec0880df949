using System.Text;

namespace Mallard.Data;

/// <summary>
/// The text DuckDB gives a value (<c>CAST(x AS VARCHAR)</c>), independent of the current culture:
/// <c>2024-01-31</c>, <c>2024-01-31 12:00:00.5</c>, <c>1.0</c>, <c>\xFF</c>, <c>[1, 2, NULL]</c>,
/// <c>{'a': 1}</c>, <c>{k=v}</c>. TIMESTAMP WITH TIME ZONE values are written in UTC with <c>+00</c>.
/// How a NULL row looks is the caller's choice: check <see cref="Column.IsNull"/> first.
/// </summary>
public static class ValueText
{
    /// <summary>The text of a non-NULL row; throws <see cref="InvalidOperationException"/> for a NULL row.</summary>
    public static string Format(Column column, int row)
    {
        var builder = new StringBuilder();
        Append(builder, column, row);
        return builder.ToString();
    }

    /// <summary>Appends the text of a non-NULL row; throws <see cref="InvalidOperationException"/> for a NULL row.</summary>
    public static void Append(StringBuilder builder, Column column, int row)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(column);
        if (column.IsNull(row))
            throw new InvalidOperationException($"Row {row} of column '{column.Name}' is NULL, which has no value text; check IsNull first.");
        ValueFormatter.For(column).Append(builder, row);
    }
}
