using System.Numerics;

namespace Mallard.Data;

/// <summary>
/// Validity bitmaps as DuckDB lays them out: one bit per row in 64-bit words, set when the row holds a
/// value, clear when it is NULL. A null bitmap means every row is valid.
/// </summary>
internal static class Validity
{
    public static int WordCount(int rows) => (rows + 63) >> 6;

    public static bool IsValid(ulong[]? bits, int row) => bits is null || ((bits[row >> 6] >> (row & 63)) & 1UL) != 0;

    public static ulong[] AllValid(int rows)
    {
        var bits = new ulong[WordCount(rows)];
        System.Array.Fill(bits, ulong.MaxValue);
        return bits;
    }

    public static void SetNull(ulong[] bits, int row) => bits[row >> 6] &= ~(1UL << (row & 63));

    public static int CountNulls(ulong[]? bits, int rows)
    {
        if (bits is null) return 0;
        var valid = 0;
        var full = rows >> 6;
        for (var w = 0; w < full; w++) valid += BitOperations.PopCount(bits[w]);
        var rest = rows & 63;
        if (rest != 0) valid += BitOperations.PopCount(bits[full] & ((1UL << rest) - 1));
        return rows - valid;
    }

    /// <summary>Copies the validity of rows [start, start+count) into a new bitmap, or null when all are valid.</summary>
    public static ulong[]? Slice(ulong[]? bits, int start, int count)
    {
        if (bits is null) return null;
        var result = AllValid(count);
        var anyNull = false;
        for (var i = 0; i < count; i++)
        {
            if (!IsValid(bits, start + i))
            {
                SetNull(result, i);
                anyNull = true;
            }
        }
        return anyNull ? result : null;
    }

    /// <summary>Gathers the validity of the given rows into a new bitmap, or null when all are valid.</summary>
    public static ulong[]? Gather(ulong[]? bits, ReadOnlySpan<int> rows)
    {
        if (bits is null) return null;
        var result = AllValid(rows.Length);
        var anyNull = false;
        for (var i = 0; i < rows.Length; i++)
        {
            if (!IsValid(bits, rows[i]))
            {
                SetNull(result, i);
                anyNull = true;
            }
        }
        return anyNull ? result : null;
    }
}
