namespace Mallard.Display;

/// <summary>How a <see cref="ValueFormat"/> writes values.</summary>
public enum ValueFormatKind
{
    /// <summary>By the column's type (and, for tables and charts, by its name's conventions; see <see cref="ValueFormat.For"/>).</summary>
    Auto,

    /// <summary>A number with thousands separators, with a fixed number of decimals when given: <c>1,234.50</c>.</summary>
    Number,

    /// <summary>An identifier: an integer without thousands separators, <c>1298</c>.</summary>
    Id,

    /// <summary>Money: <c>$1,234.57</c>, <c>-$0.50</c>.</summary>
    Currency,

    /// <summary>A fraction as a percentage: 0.4695 is <c>47.0%</c>.</summary>
    Percent,

    /// <summary>A short number: <c>20.4k</c>, <c>1.2M</c>.</summary>
    Compact,

    /// <summary>A date: <c>2025-07-01</c>.</summary>
    Date,

    /// <summary>A month: <c>Jul 2025</c>.</summary>
    Month,

    /// <summary>The value as text, as DuckDB writes it.</summary>
    Text,
}
