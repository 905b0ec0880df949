using System.Data.SqlTypes;
using System.Text;

namespace Mallard.Data.Tests;

public class ColumnTests
{
    [Fact]
    public void A_primitive_column_reads_its_values_and_nulls()
    {
        var column = PrimitiveColumn<int>.Create("n", [1, null, -3]);

        Assert.Equal(DataType.Int32, column.Type);
        Assert.Equal(3, column.Length);
        Assert.Equal(1, column.NullCount);
        Assert.Equal(1, column.GetValue(0));
        Assert.Null(column.GetValue(1));
        Assert.True(column.IsNull(1));
        Assert.Equal(-3, column[2]);
        Assert.Null(column.GetNullable(1));
        Assert.Equal(-3, column.GetNullable(2));
        Assert.Equal([1, null, -3], column.AsEnumerable());
    }

    [Fact]
    public void A_column_without_nulls_has_no_validity_bits()
    {
        var column = new PrimitiveColumn<long>("n", DataType.Int64, [1, 2]);

        Assert.Equal(0, column.NullCount);
        Assert.True(column.ValidityBits.IsEmpty);
        Assert.Equal([1L, 2L], column.Values.ToArray());
    }

    [Fact]
    public void Integer_columns_hold_their_extreme_values()
    {
        Assert.Equal(sbyte.MinValue, PrimitiveColumn<sbyte>.Create("a", [sbyte.MinValue]).GetValue(0));
        Assert.Equal(byte.MaxValue, PrimitiveColumn<byte>.Create("a", [byte.MaxValue]).GetValue(0));
        Assert.Equal(short.MinValue, PrimitiveColumn<short>.Create("a", [short.MinValue]).GetValue(0));
        Assert.Equal(ushort.MaxValue, PrimitiveColumn<ushort>.Create("a", [ushort.MaxValue]).GetValue(0));
        Assert.Equal(int.MinValue, PrimitiveColumn<int>.Create("a", [int.MinValue]).GetValue(0));
        Assert.Equal(uint.MaxValue, PrimitiveColumn<uint>.Create("a", [uint.MaxValue]).GetValue(0));
        Assert.Equal(long.MinValue, PrimitiveColumn<long>.Create("a", [long.MinValue]).GetValue(0));
        Assert.Equal(ulong.MaxValue, PrimitiveColumn<ulong>.Create("a", [ulong.MaxValue]).GetValue(0));
        Assert.Equal(Int128.MinValue, PrimitiveColumn<Int128>.Create("a", [Int128.MinValue]).GetValue(0));
        Assert.Equal(UInt128.MaxValue, PrimitiveColumn<UInt128>.Create("a", [UInt128.MaxValue]).GetValue(0));
    }

    [Fact]
    public void Primitive_columns_get_the_sql_type_of_their_values()
    {
        Assert.Equal("BOOLEAN", PrimitiveColumn<bool>.Create("a", [true]).Type.Name);
        Assert.Equal("TINYINT", PrimitiveColumn<sbyte>.Create("a", [1]).Type.Name);
        Assert.Equal("UTINYINT", PrimitiveColumn<byte>.Create("a", [1]).Type.Name);
        Assert.Equal("HUGEINT", PrimitiveColumn<Int128>.Create("a", [1]).Type.Name);
        Assert.Equal("UHUGEINT", PrimitiveColumn<UInt128>.Create("a", [1u]).Type.Name);
        Assert.Equal("FLOAT", PrimitiveColumn<float>.Create("a", [1f]).Type.Name);
        Assert.Equal("DOUBLE", PrimitiveColumn<double>.Create("a", [1d]).Type.Name);
        Assert.Equal("UUID", PrimitiveColumn<Guid>.Create("a", [Guid.Empty]).Type.Name);
        Assert.Equal("INTERVAL", PrimitiveColumn<Interval>.Create("a", [default(Interval)]).Type.Name);
    }

    [Fact]
    public void A_primitive_column_refuses_a_type_stored_differently()
    {
        var error = Assert.Throws<ArgumentException>(() => new PrimitiveColumn<int>("n", DataType.Int64, [1]));

        Assert.Contains("holds Int64 values, not Int32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_outside_a_column_names_the_column_and_its_length()
    {
        var column = PrimitiveColumn<int>.Create("n", [1]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => column.GetValue(1));

        Assert.Contains("column 'n', which has 1 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Floating_point_columns_keep_special_values()
    {
        var column = PrimitiveColumn<double>.Create("d", [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, null]);

        Assert.True(double.IsNaN((double)column.GetValue(0)!));
        Assert.Equal(double.PositiveInfinity, column.GetValue(1));
        Assert.Equal(double.NegativeInfinity, column.GetValue(2));
        Assert.True(double.IsNegative((double)column.GetValue(3)!));
        Assert.Null(column.GetValue(4));
    }

    [Fact]
    public void Booleans_uuids_and_intervals_read_back()
    {
        var id = Guid.Parse("6f1b8f0e-2c3d-4e5f-8a9b-0c1d2e3f4a5b");
        var booleans = PrimitiveColumn<bool>.Create("b", [true, false, null]);
        var uuids = PrimitiveColumn<Guid>.Create("u", [id, null]);
        var intervals = PrimitiveColumn<Interval>.Create("i", [new Interval(14, 3, 5_000_000), null]);

        Assert.Equal([true, false, null], booleans.AsEnumerable());
        Assert.Equal(id, uuids.GetValue(0));
        Assert.Null(uuids.GetValue(1));
        Assert.Equal(new Interval(14, 3, 5_000_000), intervals.GetValue(0));
        Assert.Null(intervals.GetValue(1));
    }

    [Fact]
    public void A_decimal_column_reads_decimals_and_nulls()
    {
        var column = DecimalColumn.Create("d", DataType.Decimal(18, 2), [12.345m, null, -0.5m, 0m]);

        Assert.Equal(12.35m, column.GetValue(0)); // rounded away from zero to the scale
        Assert.Null(column.GetValue(1));
        Assert.Equal(-0.50m, column[2]);
        Assert.Equal(-50, column.GetUnscaled(2));
        Assert.Equal("-0.50", column.GetString(2));
        Assert.Equal("0.00", column.GetString(3));
        Assert.Equal(-0.5, column.GetDouble(2));
    }

    [Fact]
    public void A_38_digit_decimal_reads_exactly_as_a_sql_decimal()
    {
        var max = Int128.Parse("99999999999999999999999999999999999999", System.Globalization.CultureInfo.InvariantCulture);
        var column = new DecimalColumn("d", DataType.Decimal(38, 10), [max, -max, 1], 3, null);

        Assert.Equal("9999999999999999999999999999.9999999999", column.GetString(0));
        Assert.Equal("-9999999999999999999999999999.9999999999", column.GetString(1));
        Assert.Equal("0.0000000001", column.GetString(2));
        Assert.IsType<SqlDecimal>(column.GetValue(0));
        Assert.Equal("9999999999999999999999999999.9999999999", column.GetSqlDecimal(0).ToString());
        Assert.Equal(0.0000000001m, column.GetValue(2));
        var error = Assert.Throws<OverflowException>(() => column[0]);
        Assert.Contains("GetSqlDecimal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_decimal_column_is_stored_in_64_bits()
    {
        var column = new DecimalColumn("d", DataType.Decimal(9, 3), [1234567L, -1L], 2, null);

        Assert.Equal(1234.567m, column.GetValue(0));
        Assert.Equal(-0.001m, column.GetValue(1));
        Assert.Equal("DECIMAL(9,3)", column.Type.Name);
    }

    [Fact]
    public void Dates_before_1970_and_at_the_end_of_year_9999_read_back()
    {
        var column = DateColumn.Create("d", [new DateOnly(1969, 12, 31), new DateOnly(1, 1, 1), new DateOnly(9999, 12, 31), null]);

        Assert.Equal(-1, column.RawValues[0]);
        Assert.Equal(new DateOnly(1969, 12, 31), column.GetValue(0));
        Assert.Equal(new DateOnly(1, 1, 1), column[1]);
        Assert.Equal(new DateOnly(9999, 12, 31), column.GetValue(2));
        Assert.Null(column.GetValue(3));
    }

    [Fact]
    public void Infinite_dates_read_as_the_extreme_dates()
    {
        var column = new DateColumn("d", [DateColumn.PositiveInfinity, DateColumn.NegativeInfinity, 0]);

        Assert.Equal(DateOnly.MaxValue, column.GetValue(0));
        Assert.Equal(DateOnly.MinValue, column.GetValue(1));
        Assert.True(column.IsInfinity(0));
        Assert.True(column.IsInfinity(1));
        Assert.False(column.IsInfinity(2));
        Assert.Equal(new DateOnly(1970, 1, 1), column[2]);
    }

    [Fact]
    public void A_date_beyond_dotnet_range_says_how_to_read_it()
    {
        var column = new DateColumn("d", [3_000_000]);

        var error = Assert.Throws<OverflowException>(() => column.GetValue(0));

        Assert.Contains("cast it to VARCHAR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_datetime_between_microseconds_before_1970_is_stored_as_the_microsecond_before()
    {
        var column = TimestampColumn.Create("t", [DateTime.UnixEpoch.AddTicks(-5), DateTime.UnixEpoch.AddTicks(15)]);

        Assert.Equal(DateTime.UnixEpoch.AddTicks(-10), column.GetValue(0));
        Assert.Equal(DateTime.UnixEpoch.AddTicks(10), column.GetValue(1));
    }

    [Fact]
    public void Timestamps_read_as_datetimes_in_every_unit()
    {
        var micros = TimestampColumn.Create("t", [new DateTime(1969, 7, 20, 20, 17, 40, 123), null]);
        var seconds = new TimestampColumn("t", DataType.TimestampOf(TimeUnit.Seconds), [86_400L]);
        var millis = new TimestampColumn("t", DataType.TimestampOf(TimeUnit.Milliseconds), [-1L]);
        var nanos = new TimestampColumn("t", DataType.TimestampOf(TimeUnit.Nanoseconds), [1_500L]);
        var nanosBefore1970 = new TimestampColumn("t", DataType.TimestampOf(TimeUnit.Nanoseconds), [-1L, -150L]);

        Assert.Equal(DateTime.UnixEpoch.AddTicks(-1), Assert.IsType<DateTime>(nanosBefore1970.GetValue(0)));
        Assert.Equal(DateTime.UnixEpoch.AddTicks(-2), Assert.IsType<DateTime>(nanosBefore1970.GetValue(1)));
        Assert.Equal(new DateTime(1969, 7, 20, 20, 17, 40, 123), Assert.IsType<DateTime>(micros.GetValue(0)));
        Assert.Null(micros.GetValue(1));
        Assert.Equal(new DateTime(1970, 1, 2), Assert.IsType<DateTime>(seconds.GetValue(0)));
        Assert.Equal(new DateTime(1969, 12, 31, 23, 59, 59, 999), Assert.IsType<DateTime>(millis.GetValue(0)));
        Assert.Equal(DateTime.UnixEpoch.AddTicks(15), Assert.IsType<DateTime>(nanos.GetValue(0)));
        Assert.Equal("TIMESTAMP_NS", nanos.Type.Name);
    }

    [Fact]
    public void Infinite_timestamps_read_as_the_extreme_datetimes()
    {
        var column = new TimestampColumn("t", DataType.Timestamp, [TimestampColumn.PositiveInfinity, TimestampColumn.NegativeInfinity]);

        Assert.Equal(DateTime.MaxValue, Assert.IsType<DateTime>(column.GetValue(0)));
        Assert.Equal(DateTime.MinValue, Assert.IsType<DateTime>(column.GetValue(1)));
        Assert.True(column.IsInfinity(0));
        Assert.True(column.IsInfinity(1));
    }

    [Fact]
    public void A_timestamp_with_time_zone_reads_as_a_utc_offset()
    {
        var column = TimestampColumn.CreateWithTimeZone("t", [new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.FromHours(2)), null]);

        Assert.Equal(DataType.TimestampTz, column.Type);
        var value = Assert.IsType<DateTimeOffset>(column.GetValue(0));
        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(new DateTime(2024, 3, 1, 10, 0, 0), value.DateTime);
        Assert.Equal(DateTimeKind.Utc, column[0].Kind);
        Assert.Null(column.GetValue(1));
    }

    [Fact]
    public void Times_read_back_including_midnight_at_the_end_of_the_day()
    {
        var column = TimeColumn.Create("t", [new TimeOnly(23, 59, 59, 999, 999), TimeOnly.MinValue, null]);
        var endOfDay = new TimeColumn("t", DataType.Time, [86_400_000_000L], 1, null);

        Assert.Equal(new TimeOnly(23, 59, 59, 999, 999), column.GetValue(0));
        Assert.Equal(TimeOnly.MinValue, column[1]);
        Assert.Null(column.GetValue(2));
        Assert.Equal(TimeOnly.MaxValue, endOfDay.GetValue(0));
    }

    [Fact]
    public void Times_with_offsets_read_back()
    {
        var value = new TimeWithOffset(new TimeOnly(12, 30), TimeSpan.FromMinutes(-330));
        var column = TimeTzColumn.Create("t", [value, null]);

        Assert.Equal(value, column.GetValue(0));
        Assert.Equal(value, column[0]);
        Assert.Null(column.GetValue(1));
        Assert.Equal("12:30:00-05:30", column[0].ToString());
    }

    [Fact]
    public void Strings_read_back_including_empty_and_non_ascii_text()
    {
        var column = StringColumn.Create("s", ["", "héllo wörld", "日本語", "🦆", null]);

        Assert.Equal("", column.GetValue(0));
        Assert.Equal("héllo wörld", column[1]);
        Assert.Equal("日本語", column.GetValue(2));
        Assert.Equal("🦆", column.GetValue(3));
        Assert.Null(column[4]);
        Assert.Equal(4, column.GetByteLength(3));
        Assert.Equal(Encoding.UTF8.GetBytes("日本語"), column.GetBytes(2).ToArray());
        Assert.Equal(0, column.GetByteLength(4));
    }

    [Fact]
    public void Blobs_read_as_new_arrays()
    {
        var column = BlobColumn.Create("b", [[0, 255], [], null]);

        var first = Assert.IsType<byte[]>(column.GetValue(0));
        Assert.Equal([0, 255], first);
        first[0] = 7;
        Assert.Equal(0, column[0]![0]);
        Assert.Empty(column[1]!);
        Assert.Null(column.GetValue(2));
    }

    [Fact]
    public void Enums_read_their_labels()
    {
        var type = DataType.Enum(["small", "large"]);
        var column = EnumColumn.Create("e", type, ["large", null, "small"]);

        Assert.Equal("large", column.GetValue(0));
        Assert.Null(column[1]);
        Assert.Equal(0u, column.Codes[2]);
        Assert.Equal(["small", "large"], column.Dictionary);
        Assert.Equal("ENUM('small', 'large')", type.Name);
    }

    [Fact]
    public void An_enum_label_outside_the_dictionary_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => EnumColumn.Create("e", DataType.Enum(["a"]), ["b"]));

        Assert.Contains("'b' (row 0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_read_as_element_arrays_with_null_lists_and_null_elements()
    {
        var column = Fixtures.IntLists("l");

        Assert.Equal("INTEGER[]", column.Type.Name);
        Assert.Equal(new object?[] { 1, 2 }, column.GetValue(0));
        Assert.Equal(Array.Empty<object?>(), column.GetValue(1));
        Assert.Null(column.GetValue(2));
        Assert.Equal(new object?[] { 3, null }, column.GetValue(3));
        Assert.Equal((2, 0), column.GetRange(1));
    }

    [Fact]
    public void List_lengths_must_cover_the_elements()
    {
        var elements = PrimitiveColumn<int>.Create("e", [1, 2, 3]);

        var error = Assert.Throws<ArgumentException>(() => ListColumn.Create("l", elements, [1, 1]));

        Assert.Contains("there are 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Structs_read_as_dictionaries_in_field_order()
    {
        var column = Fixtures.People("p");

        Assert.Equal("STRUCT(name VARCHAR, age INTEGER)", column.Type.Name);
        var first = Assert.IsType<Dictionary<string, object?>>(column.GetValue(0));
        Assert.Equal(["name", "age"], first.Keys);
        Assert.Equal("Ann", first["name"]);
        Assert.Equal(31, first["age"]);
        Assert.Null(column.GetValue(1));
        var third = (IReadOnlyDictionary<string, object?>)column.GetValue(2)!;
        Assert.Null(third["age"]);
    }

    [Fact]
    public void Maps_read_as_dictionaries_in_entry_order()
    {
        var column = Fixtures.Scores("m");

        Assert.Equal("MAP(VARCHAR, INTEGER)", column.Type.Name);
        var first = Assert.IsType<Dictionary<object, object?>>(column.GetValue(0));
        Assert.Equal(["a", "b"], first.Keys);
        Assert.Equal(1, first["a"]);
        Assert.Null(first["b"]);
        Assert.Null(column.GetValue(1));
        Assert.Empty((IReadOnlyDictionary<object, object?>)column.GetValue(2)!);
    }

    [Fact]
    public void A_column_renamed_keeps_its_values()
    {
        var column = StringColumn.Create("a", ["x", null]);

        var renamed = column.WithName("b");

        Assert.Equal("b", renamed.Name);
        Assert.Equal(["x", null], renamed.AsEnumerable());
        Assert.Equal("b VARCHAR (2 rows)", renamed.ToString());
    }
}
