using System.Text;

namespace Mallard.Data.Tests;

public class ValueTextTests
{
    private static string Text(Column column, int row = 0) => ValueText.Format(column, row);

    [Fact]
    public void Integers_are_written_in_full()
    {
        Assert.Equal("-9223372036854775808", Text(PrimitiveColumn<long>.Create("a", [long.MinValue])));
        Assert.Equal("18446744073709551615", Text(PrimitiveColumn<ulong>.Create("a", [ulong.MaxValue])));
        Assert.Equal("-170141183460469231731687303715884105728", Text(PrimitiveColumn<Int128>.Create("a", [Int128.MinValue])));
        Assert.Equal("340282366920938463463374607431768211455", Text(PrimitiveColumn<UInt128>.Create("a", [UInt128.MaxValue])));
        Assert.Equal("-128", Text(PrimitiveColumn<sbyte>.Create("a", [sbyte.MinValue])));
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.0, "0.0")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-1.25e-7, "-1.25e-07")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Doubles_are_written_shortest_as_duckdb_writes_them(double value, string expected)
    {
        Assert.Equal(expected, Text(PrimitiveColumn<double>.Create("d", [value])));
    }

    [Fact]
    public void Doubles_read_back_from_their_text_exactly()
    {
        double[] values = [Math.PI, 1.0 / 3, double.MaxValue, double.Epsilon, 5e-324, 123456789012345.67];
        var column = PrimitiveColumn<double>.Create("d", [.. values.Select(v => (double?)v)]);

        for (var i = 0; i < values.Length; i++)
            Assert.Equal(values[i], double.Parse(Text(column, i), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Floats_are_written_with_the_digits_of_a_float()
    {
        var column = PrimitiveColumn<float>.Create("f", [0.1f, 3.4028235e38f, 1f]);

        Assert.Equal("0.1", Text(column, 0));
        Assert.Equal("3.4028235e+38", Text(column, 1));
        Assert.Equal("1.0", Text(column, 2));
    }

    [Fact]
    public void Decimals_are_written_exactly_with_their_scale()
    {
        var small = DecimalColumn.Create("d", DataType.Decimal(10, 3), [-0.05m, 42m]);
        var wide = new DecimalColumn("d", DataType.Decimal(38, 0), [Int128.Parse("-99999999999999999999999999999999999999", System.Globalization.CultureInfo.InvariantCulture)], 1, null);

        Assert.Equal("-0.050", Text(small, 0));
        Assert.Equal("42.000", Text(small, 1));
        Assert.Equal("-99999999999999999999999999999999999999", Text(wide));
    }

    [Fact]
    public void Booleans_uuids_and_intervals_are_written_as_duckdb_writes_them()
    {
        Assert.Equal("true", Text(PrimitiveColumn<bool>.Create("b", [true])));
        Assert.Equal("false", Text(PrimitiveColumn<bool>.Create("b", [false])));
        Assert.Equal("6f1b8f0e-2c3d-4e5f-8a9b-0c1d2e3f4a5b", Text(PrimitiveColumn<Guid>.Create("u", [Guid.Parse("6F1B8F0E-2C3D-4E5F-8A9B-0C1D2E3F4A5B")])));
        Assert.Equal("1 year 2 months 3 days 04:05:06.5", Text(PrimitiveColumn<Interval>.Create("i", [new Interval(14, 3, 14_706_500_000)])));
    }

    [Fact]
    public void Dates_are_written_iso_with_infinities_and_years_outside_dotnet()
    {
        var column = new DateColumn("d", [0, -1, 2_932_896, DateColumn.PositiveInfinity, DateColumn.NegativeInfinity, -719_162, -719_163, 3_000_000]);

        Assert.Equal("1970-01-01", Text(column, 0));
        Assert.Equal("1969-12-31", Text(column, 1));
        Assert.Equal("9999-12-31", Text(column, 2));
        Assert.Equal("infinity", Text(column, 3));
        Assert.Equal("-infinity", Text(column, 4));
        Assert.Equal("0001-01-01", Text(column, 5));
        Assert.Equal("0001-12-31 (BC)", Text(column, 6));
        Assert.Equal("10183-09-21", Text(column, 7));
    }

    [Fact]
    public void Times_are_written_with_trailing_zeros_of_the_fraction_dropped()
    {
        var column = new TimeColumn("t", DataType.Time, [0, 45_296_500_000, 45_296_000_001, 86_400_000_000], 4, null);
        var nanos = new TimeColumn("t", DataType.TimeNs, [1_000_000_123], 1, null);

        Assert.Equal("00:00:00", Text(column, 0));
        Assert.Equal("12:34:56.5", Text(column, 1));
        Assert.Equal("12:34:56.000001", Text(column, 2));
        Assert.Equal("24:00:00", Text(column, 3));
        Assert.Equal("00:00:01.000000123", Text(nanos));
    }

    [Fact]
    public void Times_with_offsets_are_written_with_the_shortest_offset()
    {
        var column = TimeTzColumn.Create("t", [
            new TimeWithOffset(new TimeOnly(1, 2, 3), TimeSpan.Zero),
            new TimeWithOffset(new TimeOnly(1, 2, 3, 400), TimeSpan.FromMinutes(330)),
            new TimeWithOffset(new TimeOnly(23, 0), TimeSpan.FromHours(-8)),
        ]);

        Assert.Equal("01:02:03+00", Text(column, 0));
        Assert.Equal("01:02:03.4+05:30", Text(column, 1));
        Assert.Equal("23:00:00-08", Text(column, 2));
    }

    [Fact]
    public void Timestamps_are_written_iso_in_every_unit()
    {
        var micros = TimestampColumn.Create("t", [new DateTime(2024, 2, 29, 13, 5, 9), new DateTime(1969, 12, 31, 23, 59, 59, 250), new DateTime(2024, 1, 1).AddTicks(10)]);
        var seconds = new TimestampColumn("t", DataType.TimestampOf(TimeUnit.Seconds), [-1L]);
        var millis = new TimestampColumn("t", DataType.TimestampOf(TimeUnit.Milliseconds), [1_001L]);
        var nanos = new TimestampColumn("t", DataType.TimestampOf(TimeUnit.Nanoseconds), [-1L]);

        Assert.Equal("2024-02-29 13:05:09", Text(micros, 0));
        Assert.Equal("1969-12-31 23:59:59.25", Text(micros, 1));
        Assert.Equal("2024-01-01 00:00:00.000001", Text(micros, 2));
        Assert.Equal("1969-12-31 23:59:59", Text(seconds));
        Assert.Equal("1970-01-01 00:00:01.001", Text(millis));
        Assert.Equal("1969-12-31 23:59:59.999999999", Text(nanos));
    }

    [Fact]
    public void Infinite_timestamps_and_zoned_timestamps_are_written_as_duckdb_writes_them()
    {
        var infinite = new TimestampColumn("t", DataType.Timestamp, [TimestampColumn.PositiveInfinity, TimestampColumn.NegativeInfinity]);
        var zoned = TimestampColumn.CreateWithTimeZone("t", [new DateTimeOffset(2024, 6, 1, 8, 30, 0, TimeSpan.FromHours(2))]);

        Assert.Equal("infinity", Text(infinite, 0));
        Assert.Equal("-infinity", Text(infinite, 1));
        Assert.Equal("2024-06-01 06:30:00+00", Text(zoned));
    }

    [Fact]
    public void Text_is_written_as_is()
    {
        var column = StringColumn.Create("s", ["", "tab\there", "日本語 🦆", new string('x', 1000)]);

        Assert.Equal("", Text(column, 0));
        Assert.Equal("tab\there", Text(column, 1));
        Assert.Equal("日本語 🦆", Text(column, 2));
        Assert.Equal(new string('x', 1000), Text(column, 3));
        Assert.Equal("b", Text(EnumColumn.Create("e", DataType.Enum(["a", "b"]), ["b"])));
    }

    [Fact]
    public void Blobs_escape_bytes_outside_printable_ascii_as_hex()
    {
        var column = BlobColumn.Create("b", [[(byte)'a', 0, 0xFF, (byte)'\\', (byte)'\'', (byte)'"', (byte)'~', (byte)' ', 0x0A], []]);

        Assert.Equal("a\\x00\\xFF\\x5C\\x27\\x22~ \\x0A", Text(column, 0));
        Assert.Equal("", Text(column, 1));
    }

    [Fact]
    public void Lists_are_written_in_brackets_with_null_elements()
    {
        var column = Fixtures.IntLists("l");

        Assert.Equal("[1, 2]", Text(column, 0));
        Assert.Equal("[]", Text(column, 1));
        Assert.Equal("[3, NULL]", Text(column, 3));
    }

    [Fact]
    public void Text_inside_a_list_is_quoted_only_when_duckdb_would()
    {
        var elements = StringColumn.Create("e", ["plain", "a, b", "", " lead", "null", "it's", "back\\slash", null, "x=y"]);
        var column = ListColumn.Create("l", elements, [9]);

        Assert.Equal("[plain, 'a, b', '', ' lead', 'null', 'it\\'s', back\\slash, NULL, 'x=y']", Text(column));
    }

    [Fact]
    public void Structs_are_written_with_quoted_field_names()
    {
        var column = Fixtures.People("p");

        Assert.Equal("{'name': Ann, 'age': 31}", Text(column, 0));
        Assert.Equal("{'name': 'O\\'Brien, Jo', 'age': NULL}", Text(column, 2));
    }

    [Fact]
    public void Maps_are_written_as_key_equals_value()
    {
        var column = Fixtures.Scores("m");

        Assert.Equal("{a=1, b=NULL}", Text(column, 0));
        Assert.Equal("{}", Text(column, 2));
    }

    [Fact]
    public void Nested_values_inside_nested_values_are_written_recursively()
    {
        var inner = Fixtures.IntLists("inner");
        var outer = ListColumn.Create("outer", inner, [2, 2]);
        var record = StructColumn.Create("s", [inner.Slice(0, 2).WithName("xs"), Fixtures.Scores("m").Slice(0, 2)]);

        Assert.Equal("[[1, 2], []]", Text(outer, 0));
        Assert.Equal("[NULL, [3, NULL]]", Text(outer, 1));
        Assert.Equal("{'xs': [1, 2], 'm': {a=1, b=NULL}}", Text(record, 0));
        Assert.Equal("{'xs': [], 'm': NULL}", Text(record, 1));
    }

    [Fact]
    public void A_null_row_has_no_value_text()
    {
        var column = StringColumn.Create("s", [null]);

        var error = Assert.Throws<InvalidOperationException>(() => ValueText.Format(column, 0));

        Assert.Contains("Row 0 of column 's' is NULL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Append_adds_to_what_the_builder_holds()
    {
        var builder = new StringBuilder("x=");

        ValueText.Append(builder, PrimitiveColumn<int>.Create("n", [7]), 0);

        Assert.Equal("x=7", builder.ToString());
    }

    [Fact]
    public void Text_does_not_depend_on_the_current_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("1.5", Text(PrimitiveColumn<double>.Create("d", [1.5])));
            Assert.Equal("1.50", Text(DecimalColumn.Create("d", DataType.Decimal(5, 2), [1.5m])));
            Assert.Equal("-1", Text(PrimitiveColumn<int>.Create("n", [-1])));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
