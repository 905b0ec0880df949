namespace Mallard.Data.Tests;

public class CsvTests
{
    [Fact]
    public void A_frame_is_written_with_a_header_and_lf_line_ends()
    {
        var frame = new Frame(PrimitiveColumn<int>.Create("id", [1, 2]), StringColumn.Create("name", ["Ann", "Bob"]));

        Assert.Equal("id,name\n1,Ann\n2,Bob\n", frame.ToCsv());
    }

    [Fact]
    public void Fields_are_quoted_when_they_hold_a_delimiter_quote_line_break_or_edge_space()
    {
        var frame = new Frame(StringColumn.Create("s", ["a,b", "say \"hi\"", "two\nlines", "cr\rhere", " lead", "trail ", "in side", "plain"]));

        Assert.Equal(
            "s\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"two\nlines\"\n\"cr\rhere\"\n\" lead\"\n\"trail \"\nin side\nplain\n",
            frame.ToCsv());
    }

    [Fact]
    public void Null_is_an_empty_field_and_an_empty_string_is_quoted()
    {
        var frame = new Frame(StringColumn.Create("s", [null, ""]), PrimitiveColumn<int>.Create("n", [null, 0]));

        Assert.Equal("s,n\n,\n\"\",0\n", frame.ToCsv());
    }

    [Fact]
    public void Null_text_can_be_chosen_and_a_value_equal_to_it_is_quoted()
    {
        var frame = new Frame(StringColumn.Create("s", [null, "NA", ""]));

        Assert.Equal("s\nNA\n\"NA\"\n\n", frame.ToCsv(new CsvOptions { NullText = "NA" }));
    }

    [Fact]
    public void Delimiter_header_and_line_end_can_be_chosen()
    {
        var frame = new Frame(StringColumn.Create("a", ["x;y", "x,y"]), PrimitiveColumn<double>.Create("b", [1.5, -2]));

        Assert.Equal("\"x;y\";1.5\r\nx,y;-2.0\r\n", frame.ToCsv(new CsvOptions { Delimiter = ';', Header = false, NewLine = "\r\n" }));
    }

    [Fact]
    public void Column_names_are_quoted_like_values()
    {
        var frame = new Frame(PrimitiveColumn<int>.Create("a,b", [1]), PrimitiveColumn<int>.Create("say \"x\"", [2]));

        Assert.Equal("\"a,b\",\"say \"\"x\"\"\"\n1,2\n", frame.ToCsv());
    }

    [Fact]
    public void Unicode_text_is_written_unchanged()
    {
        var frame = new Frame(StringColumn.Create("名前", ["Zoë", "日本語", "🦆,🦆"]));

        Assert.Equal("名前\nZoë\n日本語\n\"🦆,🦆\"\n", frame.ToCsv());
    }

    [Fact]
    public void A_frame_without_rows_writes_only_its_header()
    {
        var frame = new Frame(PrimitiveColumn<int>.Create("a", []), StringColumn.Create("b", []));

        Assert.Equal("a,b\n", frame.ToCsv());
        Assert.Equal("", frame.ToCsv(new CsvOptions { Header = false }));
    }

    [Fact]
    public void Every_type_is_written_as_duckdb_text()
    {
        var frame = new Frame(
            PrimitiveColumn<bool>.Create("bool", [true, false, null]),
            PrimitiveColumn<sbyte>.Create("i8", [sbyte.MinValue, 0, null]),
            PrimitiveColumn<long>.Create("i64", [long.MaxValue, -1, null]),
            PrimitiveColumn<ulong>.Create("u64", [ulong.MaxValue, 0, null]),
            PrimitiveColumn<Int128>.Create("i128", [Int128.MinValue, 1, null]),
            PrimitiveColumn<float>.Create("f32", [0.1f, float.NaN, null]),
            PrimitiveColumn<double>.Create("f64", [0.1, double.NegativeInfinity, null]),
            DecimalColumn.Create("dec", DataType.Decimal(12, 4), [-1.5m, 123456.789m, null]),
            StringColumn.Create("text", ["x", "", null]),
            BlobColumn.Create("blob", [[0xDE, 0xAD, (byte)'A'], [], null]),
            DateColumn.Create("date", [new DateOnly(1900, 1, 2), new DateOnly(9999, 12, 31), null]),
            TimeColumn.Create("time", [new TimeOnly(8, 0, 0, 500), TimeOnly.MinValue, null]),
            TimeTzColumn.Create("timetz", [new TimeWithOffset(new TimeOnly(8, 0), TimeSpan.FromHours(1)), new TimeWithOffset(TimeOnly.MinValue, TimeSpan.Zero), null]),
            TimestampColumn.Create("ts", [new DateTime(2024, 1, 2, 3, 4, 5, 600), new DateTime(1950, 6, 7), null]),
            TimestampColumn.CreateWithTimeZone("tstz", [new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5)), DateTimeOffset.UnixEpoch, null]),
            PrimitiveColumn<Interval>.Create("interval", [new Interval(1, 2, 3_000_000), new Interval(0, 0, 0), null]),
            PrimitiveColumn<Guid>.Create("uuid", [Guid.Parse("00000000-0000-0000-0000-0000000000ff"), Guid.Empty, null]),
            EnumColumn.Create("mood", DataType.Enum(["sad", "ok"]), ["ok", "sad", null]),
            ListColumn.Create("list", PrimitiveColumn<int>.Create("e", [1, 2, null]), [2, 1, null]),
            StructColumn.Create("struct", [PrimitiveColumn<int>.Create("a", [1, 2, 3]), StringColumn.Create("b", ["x", "y z", "w"])], [0b011]),
            MapColumn.Create("map", StringColumn.Create("k", ["k"]), PrimitiveColumn<int>.Create("v", [7]), [1, 0, null]));

        var expected =
            "bool,i8,i64,u64,i128,f32,f64,dec,text,blob,date,time,timetz,ts,tstz,interval,uuid,mood,list,struct,map\n"
            + "true,-128,9223372036854775807,18446744073709551615,-170141183460469231731687303715884105728,0.1,0.1,-1.5000,x,\\xDE\\xADA,1900-01-02,08:00:00.5,08:00:00+01,2024-01-02 03:04:05.6,2024-01-02 08:04:05+00,1 month 2 days 00:00:03,00000000-0000-0000-0000-0000000000ff,ok,\"[1, 2]\",\"{'a': 1, 'b': x}\",{k=7}\n"
            + "false,0,-1,0,1,nan,-inf,123456.7890,\"\",\"\",9999-12-31,00:00:00,00:00:00+00,1950-06-07 00:00:00,1970-01-01 00:00:00+00,00:00:00,00000000-0000-0000-0000-000000000000,sad,[NULL],\"{'a': 2, 'b': y z}\",{}\n"
            + ",,,,,,,,,,,,,,,,,,,,\n";
        Assert.Equal(expected, frame.ToCsv());
    }

    [Fact]
    public void Csv_is_written_to_a_file_as_utf8_without_a_byte_order_mark()
    {
        var frame = new Frame(StringColumn.Create("s", ["é"]));
        var path = Path.Combine(Path.GetTempPath(), $"mallard-{Guid.NewGuid():N}.csv");
        try
        {
            frame.WriteCsv(path);

            Assert.Equal("s\né\n"u8.ToArray(), File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Csv_is_written_to_a_text_writer()
    {
        var frame = new Frame(PrimitiveColumn<int>.Create("n", [1]));
        using var writer = new StringWriter();
        writer.Write("before\n");

        frame.WriteCsv(writer, new CsvOptions { Header = false });

        Assert.Equal("before\n1\n", writer.ToString());
    }

    [Fact]
    public void A_large_primitive_column_is_written_row_by_row()
    {
        var values = Enumerable.Range(0, 10_000).Select(i => (long?)(i % 7 == 0 ? null : i * 1_000_003L)).ToArray();
        var frame = new Frame(PrimitiveColumn<long>.Create("n", values));

        var lines = frame.ToCsv().Split('\n');

        Assert.Equal(10_002, lines.Length);
        Assert.Equal("", lines[1]);
        Assert.Equal("1000003", lines[2]);
        Assert.Equal((9_999 * 1_000_003L).ToString(System.Globalization.CultureInfo.InvariantCulture), lines[10_000]);
    }

    [Fact]
    public void Csv_options_refuse_a_quote_as_delimiter_and_an_empty_line_end()
    {
        Assert.Throws<ArgumentException>(() => new CsvOptions { Delimiter = '"' });
        Assert.Throws<ArgumentException>(() => new CsvOptions { Delimiter = '\n' });
        Assert.Throws<ArgumentException>(() => new CsvOptions { NewLine = "" });
        Assert.Throws<ArgumentNullException>(() => new CsvOptions { NullText = null! });
    }

    [Fact]
    public void Csv_options_compare_by_value()
    {
        Assert.Equal(CsvOptions.Default, new CsvOptions());
        Assert.NotEqual(CsvOptions.Default, CsvOptions.Default with { Delimiter = '\t' });
        Assert.Equal('\t', (CsvOptions.Default with { Delimiter = '\t' }).Delimiter);
        Assert.Equal(',', CsvOptions.Default.Delimiter);
    }
}
