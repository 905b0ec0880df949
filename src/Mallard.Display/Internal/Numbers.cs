using System.Globalization;
using Mallard.Data;

namespace Mallard.Display.Internal;

/// <summary>A numeric column's value as a double, whatever its type (DECIMAL, HUGEINT and the rest).</summary>
internal static class Numbers
{
    /// <summary>The value at <paramref name="row"/> as a double (rounded for wide values); NaN when the column is not numeric.</summary>
    public static double AsDouble(Column column, int row) => column switch
    {
        DecimalColumn d => d.GetDouble(row),
        PrimitiveColumn<double> p => p[row],
        PrimitiveColumn<float> p => p[row],
        // SUM over integers is HUGEINT in DuckDB; Int128 and UInt128 are not IConvertible.
        PrimitiveColumn<Int128> h => (double)h[row],
        PrimitiveColumn<UInt128> u => (double)u[row],
        _ when column.Type.IsNumeric => Convert.ToDouble(column.GetValue(row), CultureInfo.InvariantCulture),
        _ => double.NaN,
    };
}
