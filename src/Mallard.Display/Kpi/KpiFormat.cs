namespace Mallard.Display.Kpi;

/// <summary>How a KPI value (or its delta) is written.</summary>
public enum KpiFormat
{
    /// <summary><c>20,444</c> or <c>243.09</c>.</summary>
    Number,

    /// <summary><c>$20,444.35</c> (the card's currency symbol, two decimals unless told otherwise).</summary>
    Currency,

    /// <summary>A fraction as a percentage: 0.123 is <c>12.3%</c>.</summary>
    Percent,

    /// <summary>Short form: <c>20.4k</c>, <c>1.2M</c>, <c>3.4B</c>.</summary>
    Compact,
}
