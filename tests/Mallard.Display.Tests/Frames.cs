using Mallard.Data;

namespace Mallard.Display.Tests;

/// <summary>Representative frames: the seed report's shapes, every column type, awkward text, wide and long.</summary>
internal static class Frames
{
    /// <summary>The seed report's segment mix.</summary>
    public static Frame SegmentMix() => new(
        StringColumn.Create("customer_segment", ["VIP", "Loyal", "Active", "Prospect"]),
        PrimitiveColumn<long>.Create("customers", [10L, 11L, 4L, 3L]),
        DecimalColumn.Create("revenue", DataType.Decimal(18, 2), [10718.66m, 8420.38m, 1305.31m, 0m]),
        PrimitiveColumn<double>.Create("avg_order_value", [334.71, 255.16, 163.16, 0.0]));

    /// <summary>The seed report's cohort growth, with the NULL cohort of customers who never ordered.</summary>
    public static Frame CohortGrowth() => new(
        DateColumn.Create("cohort_month", [new DateOnly(2024, 2, 1), new DateOnly(2024, 3, 1), new DateOnly(2024, 4, 1), new DateOnly(2024, 5, 1), null]),
        PrimitiveColumn<long>.Create("new_customers", [9L, 10L, 4L, 2L, 3L]),
        PrimitiveColumn<double>.Create("lifetime_revenue", [8002.29, 7249.67, 3809.19, 1383.2, 0.0]));

    /// <summary>Monthly revenue per segment, long form: one line or bar series per segment.</summary>
    public static Frame RevenueBySegmentMonth()
    {
        string[] segments = ["VIP", "Loyal", "Active"];
        var months = new List<DateOnly?>();
        var names = new List<string?>();
        var revenue = new List<double?>();
        for (var m = 0; m < 6; m++)
        {
            for (var s = 0; s < segments.Length; s++)
            {
                months.Add(new DateOnly(2024, 1 + m, 1));
                names.Add(segments[s]);
                revenue.Add(1000 * (3 - s) + 137.5 * m + 11 * s);
            }
        }
        return new Frame(DateColumn.Create("month", months), StringColumn.Create("segment", names), PrimitiveColumn<double>.Create("revenue", revenue));
    }

    /// <summary>Cohort retention, long form: cohort × months since first order → share retained.</summary>
    public static Frame CohortRetention()
    {
        var cohorts = new List<string?>();
        var offsets = new List<int?>();
        var retention = new List<double?>();
        for (var c = 0; c < 4; c++)
        {
            for (var k = 0; k < 4 - c; k++)
            {
                cohorts.Add($"2024-0{c + 2}");
                offsets.Add(k);
                retention.Add(k == 0 ? 1.0 : Math.Round(0.6 / k + 0.05 * c, 3));
            }
        }
        return new Frame(StringColumn.Create("cohort", cohorts), PrimitiveColumn<int>.Create("months_since_first", offsets), PrimitiveColumn<double>.Create("retention", retention));
    }

    /// <summary>Text that must render as itself: markup, entities, Spectre markup, quotes, unicode, control characters, NULLs.</summary>
    public static Frame Awkward() => new(
        StringColumn.Create("name", ["<script>alert(1)</script>", "Tom & Jerry", "[red]not red[/]", "O'Brien \"quoted\"", "Zoë 東京 🦆", "line one\nline two\ttab", null, "a very long piece of text that goes on and on well past what any column of a readable table should be asked to show on one line, so it must wrap or be cut"]),
        PrimitiveColumn<long>.Create("amount", [1L, -1234567L, null, 0L, 42L, long.MaxValue, 7L, 1_000L]),
        PrimitiveColumn<double>.Create("ratio", [0.5, double.NaN, double.PositiveInfinity, -0.000012345, 1234567.891, null, 3.0, 12.3456]));

    /// <summary>One row of every column type.</summary>
    public static Frame EveryType()
    {
        var ints = PrimitiveColumn<int>.Create("element", [1, 2, null]);
        var names = StringColumn.Create("k", ["a", "b"]);
        var scores = PrimitiveColumn<int>.Create("v", [1, 2]);
        return new Frame(
            PrimitiveColumn<bool>.Create("c_boolean", [true, null]),
            PrimitiveColumn<sbyte>.Create("c_tinyint", [(sbyte)-8, null]),
            PrimitiveColumn<short>.Create("c_smallint", [(short)-1600, null]),
            PrimitiveColumn<int>.Create("c_integer", [32000, null]),
            PrimitiveColumn<long>.Create("c_bigint", [9_000_000_000L, null]),
            PrimitiveColumn<byte>.Create("c_utinyint", [(byte)200, null]),
            PrimitiveColumn<ushort>.Create("c_usmallint", [(ushort)60000, null]),
            PrimitiveColumn<uint>.Create("c_uinteger", [4_000_000_000U, null]),
            PrimitiveColumn<ulong>.Create("c_ubigint", [18_000_000_000_000_000_000UL, null]),
            PrimitiveColumn<Int128>.Create("c_hugeint", [Int128.Parse("-170141183460469231731687303715884105727", System.Globalization.CultureInfo.InvariantCulture), null]),
            PrimitiveColumn<UInt128>.Create("c_uhugeint", [UInt128.Parse("1000000000000000000000", System.Globalization.CultureInfo.InvariantCulture), null]),
            PrimitiveColumn<float>.Create("c_float", [1.5f, null]),
            PrimitiveColumn<double>.Create("c_double", [-2.25, null]),
            DecimalColumn.Create("c_decimal", DataType.Decimal(18, 3), [-1234567.891m, null]),
            DecimalColumn.Create("c_decimal_wide", DataType.Decimal(38, 10), [12345678901234567.0123456789m, null]),
            StringColumn.Create("c_varchar", ["hello", null]),
            BlobColumn.Create("c_blob", [[0x00, 0x41, 0xFF], null]),
            DateColumn.Create("c_date", [new DateOnly(2024, 2, 29), null]),
            TimeColumn.Create("c_time", [new TimeOnly(13, 45, 30, 250), null]),
            TimeTzColumn.Create("c_timetz", [new TimeWithOffset(new TimeOnly(8, 0), TimeSpan.FromHours(2)), null]),
            TimestampColumn.Create("c_timestamp", [new DateTime(2024, 12, 31, 23, 59, 58, 500), null]),
            TimestampColumn.CreateWithTimeZone("c_timestamptz", [new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.FromHours(2)), null]),
            PrimitiveColumn<Interval>.Create("c_interval", [Interval.FromTimeSpan(TimeSpan.FromHours(25.5)), null]),
            PrimitiveColumn<Guid>.Create("c_uuid", [Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), null]),
            EnumColumn.Create("c_enum", DataType.Enum(["small", "large"]), ["large", null]),
            ListColumn.Create("c_list", ints, [3, null]),
            StructColumn.Create("c_struct", [StringColumn.Create("name", ["duck", "goose"]), PrimitiveColumn<int>.Create("legs", [2, 2])], validity: [1UL]),
            MapColumn.Create("c_map", names, scores, [2, null]));
    }

    /// <summary>Thirty columns.</summary>
    public static Frame Wide() => new(Enumerable.Range(0, 30).Select(i =>
        (Column)PrimitiveColumn<int>.Create($"column_{i:D2}", [i, i * 1000, -i])));

    /// <summary>A frame of <paramref name="rows"/> rows of a few types.</summary>
    public static Frame Long(int rows)
    {
        var ids = new long[rows];
        var amounts = new double[rows];
        var days = new int[rows];
        var names = new string?[rows];
        for (var i = 0; i < rows; i++)
        {
            ids[i] = i + 1;
            amounts[i] = (i * 7919 % 100_000) / 100.0;
            days[i] = 19_700 + i % 365;
            names[i] = "customer " + (i * 31 % 997).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return new Frame(
            new PrimitiveColumn<long>("id", DataType.Int64, ids),
            StringColumn.Create("name", names),
            new PrimitiveColumn<double>("amount", DataType.Double, amounts),
            new DateColumn("first_order", days));
    }
}
