namespace Mallard.Data.Tests;

public class RecordTests
{
    private sealed record Customer(long CustomerId, string Name, decimal? Balance);

    private sealed class Order
    {
        public int OrderId { get; set; }

        public string? Status { get; init; }

        public DateOnly? ShippedOn { get; set; }

        public string Note { get; set; } = "none";
    }

    private sealed record Mixed(int Id)
    {
        public string? Label { get; init; }
    }

    private sealed record WithOptional(int Id, string Region = "eu");

    private readonly record struct Point(int X, int Y);

    private enum Mood
    {
        Sad,
        Happy,
    }

    private sealed record Tagged(Mood Mood, int[] Tags, TimeSpan Wait);

    private sealed class Everything
    {
        public bool Flag { get; set; }

        public sbyte Tiny { get; set; }

        public byte Byte { get; set; }

        public short Short { get; set; }

        public ushort UShort { get; set; }

        public int Int { get; set; }

        public uint UInt { get; set; }

        public long Long { get; set; }

        public ulong ULong { get; set; }

        public Int128 Huge { get; set; }

        public float Single { get; set; }

        public double Double { get; set; }

        public decimal Money { get; set; }

        public string? Text { get; set; }

        public DateOnly Day { get; set; }

        public DateTime At { get; set; }

        public DateTimeOffset AtZoned { get; set; }

        public TimeOnly Clock { get; set; }

        public Guid Id { get; set; }

        public byte[]? Bytes { get; set; }

        public TimeSpan Span { get; set; }

        public Mood Mood { get; set; }

        public int? MaybeInt { get; set; }

        public DateTime? MaybeAt { get; set; }

        public Mood? MaybeMood { get; set; }
    }

    private static Frame Customers() => new(
        PrimitiveColumn<long>.Create("customer_id", [1, 2]),
        StringColumn.Create("NAME", ["Ann", "Bob"]),
        DecimalColumn.Create("balance", DataType.Decimal(10, 2), [12.5m, null]));

    [Fact]
    public void Rows_map_to_a_positional_record_ignoring_case_and_underscores()
    {
        var customers = Customers().ToRecords<Customer>();

        Assert.Equal([new Customer(1, "Ann", 12.50m), new Customer(2, "Bob", null)], customers);
    }

    [Fact]
    public void Rows_map_to_a_class_through_settable_and_init_properties()
    {
        var frame = new Frame(
            PrimitiveColumn<int>.Create("order_id", [7, 8]),
            StringColumn.Create("status", ["open", null]),
            DateColumn.Create("shipped_on", [null, new DateOnly(2024, 5, 6)]));

        var orders = frame.ToRecords<Order>();

        Assert.Equal(2, orders.Count);
        Assert.Equal(7, orders[0].OrderId);
        Assert.Equal("open", orders[0].Status);
        Assert.Null(orders[0].ShippedOn);
        Assert.Null(orders[1].Status);
        Assert.Equal(new DateOnly(2024, 5, 6), orders[1].ShippedOn);
        Assert.Equal("none", orders[1].Note); // no column: keeps its default
    }

    [Fact]
    public void A_record_with_a_primary_constructor_and_init_properties_gets_both()
    {
        var frame = new Frame(PrimitiveColumn<int>.Create("id", [3]), StringColumn.Create("label", ["x"]), StringColumn.Create("unused", ["u"]));

        Assert.Equal([new Mixed(3) { Label = "x" }], frame.ToRecords<Mixed>());
    }

    [Fact]
    public void An_optional_constructor_parameter_without_a_column_takes_its_default()
    {
        var frame = new Frame(PrimitiveColumn<int>.Create("id", [1]));

        Assert.Equal([new WithOptional(1, "eu")], frame.ToRecords<WithOptional>());
    }

    [Fact]
    public void Rows_map_to_a_record_struct()
    {
        var frame = new Frame(PrimitiveColumn<int>.Create("x", [1, 3]), PrimitiveColumn<int>.Create("y", [2, 4]));

        Assert.Equal([new Point(1, 2), new Point(3, 4)], frame.ToRecords<Point>());
    }

    [Fact]
    public void A_wider_integer_column_fills_a_narrower_property_when_the_value_fits()
    {
        var frame = new Frame(PrimitiveColumn<long>.Create("x", [int.MaxValue]), PrimitiveColumn<Int128>.Create("y", [-5]));

        Assert.Equal([new Point(int.MaxValue, -5)], frame.ToRecords<Point>());
    }

    [Fact]
    public void A_value_too_large_for_its_property_is_reported_with_column_row_and_property()
    {
        var frame = new Frame(PrimitiveColumn<long>.Create("x", [1, (long)int.MaxValue + 1]), PrimitiveColumn<int>.Create("y", [1, 1]));

        var error = Assert.Throws<InvalidCastException>(() => frame.ToRecords<Point>());

        Assert.Contains("Column 'x' (BIGINT) at row 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("constructor parameter 'X' of Point (Int32)", error.Message, StringComparison.Ordinal);
        Assert.IsType<OverflowException>(error.InnerException);
    }

    [Fact]
    public void Null_for_a_non_nullable_value_type_is_reported_with_column_row_and_property()
    {
        var frame = new Frame(PrimitiveColumn<int>.Create("x", [1, 2, null]), PrimitiveColumn<int>.Create("y", [1, 2, 3]));

        var error = Assert.Throws<InvalidCastException>(() => frame.ToRecords<Point>());

        Assert.Equal("Column 'x' is NULL at row 2, but constructor parameter 'X' of Point is a non-nullable Int32; declare it as Int32? to accept NULL.", error.Message);
    }

    private sealed record Person(string Name, string? Nick);

    [Fact]
    public void Null_for_a_reference_declared_non_nullable_is_refused_and_one_declared_nullable_is_accepted()
    {
        var first = new Frame(StringColumn.Create("Name", ["Ada"]), StringColumn.Create("Nick", [null])).ToRecords<Person>().Single();
        var error = Assert.Throws<InvalidCastException>(() =>
            new Frame(StringColumn.Create("Name", ["Ada", null]), StringColumn.Create("Nick", [null, "Bo"])).ToRecords<Person>());

        Assert.Equal(new Person("Ada", null), first);
        Assert.Equal("Column 'Name' is NULL at row 1, but constructor parameter 'Name' of Person is a non-nullable String; declare it as String? to accept NULL.", error.Message);
    }

    [Fact]
    public void Null_for_a_non_nullable_property_is_reported_too()
    {
        var frame = new Frame(PrimitiveColumn<int>.Create("OrderId", [null]));

        var error = Assert.Throws<InvalidCastException>(() => frame.ToRecords<Order>());

        Assert.Contains("property 'OrderId' of Order", error.Message, StringComparison.Ordinal);
        Assert.Contains("row 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constructor_parameter_without_a_column_is_reported_with_the_frame_s_columns()
    {
        var frame = new Frame(PrimitiveColumn<long>.Create("customer_id", [1]), StringColumn.Create("name", ["Ann"]));

        var error = Assert.Throws<InvalidOperationException>(() => frame.ToRecords<Customer>());

        Assert.Equal("Customer needs constructor parameter 'Balance', but the frame has no column named like it. Its columns are: customer_id, name.", error.Message);
    }

    [Fact]
    public void Enums_lists_and_intervals_convert_to_their_properties()
    {
        var frame = new Frame(
            StringColumn.Create("mood", ["happy", "Sad"]),
            ListColumn.Create("tags", PrimitiveColumn<int>.Create("e", [1, 2, 3]), [2, 1]),
            PrimitiveColumn<Interval>.Create("wait", [new Interval(0, 1, 30_000_000), new Interval(0, 0, 0)]));

        var rows = frame.ToRecords<Tagged>();

        Assert.Equal(Mood.Happy, rows[0].Mood);
        Assert.Equal(Mood.Sad, rows[1].Mood);
        Assert.Equal([1, 2], rows[0].Tags);
        Assert.Equal([3], rows[1].Tags);
        Assert.Equal(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(30), rows[0].Wait);
    }

    [Fact]
    public void A_frame_without_rows_maps_to_no_records()
    {
        var frame = new Frame(PrimitiveColumn<int>.Create("x", []), PrimitiveColumn<int>.Create("y", []));

        Assert.Empty(frame.ToRecords<Point>());
    }

    [Fact]
    public void Records_become_a_frame_with_a_column_per_property()
    {
        var frame = Frame.FromRecords([new Customer(1, "Ann", 12.5m), new Customer(2, "Bob", null)]);

        Assert.Equal(["CustomerId", "Name", "Balance"], frame.ColumnNames);
        Assert.Equal(["BIGINT", "VARCHAR", "DECIMAL(38,1)"], frame.Columns.Select(c => c.Type.Name));
        Assert.Equal([1L, 2L], frame["CustomerId"].AsEnumerable());
        Assert.Equal([12.5m, null], frame["Balance"].AsEnumerable());
    }

    [Fact]
    public void Every_supported_property_type_round_trips_through_a_frame()
    {
        var original = new Everything
        {
            Flag = true,
            Tiny = sbyte.MinValue,
            Byte = byte.MaxValue,
            Short = short.MinValue,
            UShort = ushort.MaxValue,
            Int = int.MinValue,
            UInt = uint.MaxValue,
            Long = long.MinValue,
            ULong = ulong.MaxValue,
            Huge = Int128.MaxValue,
            Single = 1.25f,
            Double = Math.PI,
            Money = -1234.5678m,
            Text = "日本語, \"quoted\"",
            Day = new DateOnly(1901, 2, 3),
            At = new DateTime(2024, 1, 2, 3, 4, 5, 6, 7),
            AtZoned = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(3)),
            Clock = new TimeOnly(23, 59, 59, 999, 999),
            Id = Guid.NewGuid(),
            Bytes = [1, 2, 3],
            Span = TimeSpan.FromHours(50) + TimeSpan.FromTicks(35),
            Mood = Mood.Happy,
            MaybeInt = 5,
            MaybeAt = null,
            MaybeMood = null,
        };
        var empty = new Everything();

        var frame = Frame.FromRecords([original, empty]);
        var back = frame.ToRecords<Everything>();

        Assert.Equal(
            ["BOOLEAN", "TINYINT", "UTINYINT", "SMALLINT", "USMALLINT", "INTEGER", "UINTEGER", "BIGINT", "UBIGINT", "HUGEINT", "FLOAT", "DOUBLE",
             "DECIMAL(38,4)", "VARCHAR", "DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIME", "UUID", "BLOB", "INTERVAL", "VARCHAR", "INTEGER", "TIMESTAMP", "VARCHAR"],
            frame.Columns.Select(c => c.Type.Name));
        var first = back[0];
        Assert.True(first.Flag);
        Assert.Equal(original.Tiny, first.Tiny);
        Assert.Equal(original.Byte, first.Byte);
        Assert.Equal(original.Short, first.Short);
        Assert.Equal(original.UShort, first.UShort);
        Assert.Equal(original.Int, first.Int);
        Assert.Equal(original.UInt, first.UInt);
        Assert.Equal(original.Long, first.Long);
        Assert.Equal(original.ULong, first.ULong);
        Assert.Equal(original.Huge, first.Huge);
        Assert.Equal(original.Single, first.Single);
        Assert.Equal(original.Double, first.Double);
        Assert.Equal(original.Money, first.Money);
        Assert.Equal(original.Text, first.Text);
        Assert.Equal(original.Day, first.Day);
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, 6, 7), first.At);
        Assert.Equal(original.AtZoned, first.AtZoned);
        Assert.Equal(TimeSpan.Zero, first.AtZoned.Offset);
        Assert.Equal(original.Clock, first.Clock);
        Assert.Equal(original.Id, first.Id);
        Assert.Equal(original.Bytes, first.Bytes);
        Assert.Equal(TimeSpan.FromHours(50) + TimeSpan.FromTicks(30), first.Span); // INTERVAL keeps whole microseconds
        Assert.Equal(Mood.Happy, first.Mood);
        Assert.Equal(5, first.MaybeInt);
        Assert.Null(first.MaybeAt);
        Assert.Null(first.MaybeMood);
        Assert.Null(back[1].Text);
        Assert.Null(back[1].Bytes);
        Assert.Null(back[1].MaybeInt);
        Assert.Equal(Mood.Sad, back[1].Mood);
    }

    [Fact]
    public void Decimals_keep_the_largest_scale_seen()
    {
        var frame = Frame.FromRecords([new Customer(1, "a", 1.5m), new Customer(2, "b", 0.125m), new Customer(3, "c", 79228162514264337593543950335m)]);

        var column = frame.GetColumn<DecimalColumn>("Balance");

        Assert.Equal("DECIMAL(38,3)", column.Type.Name);
        Assert.Equal("1.500", column.GetString(0));
        Assert.Equal("0.125", column.GetString(1));
        Assert.Equal("79228162514264337593543950335.000", column.GetString(2));
    }

    [Fact]
    public void A_decimal_scale_gives_way_to_the_integer_digits_it_needs()
    {
        var frame = Frame.FromRecords([new Customer(1, "a", 0.0000000000000000000000000001m), new Customer(2, "b", 79228162514264337593543950335m)]);

        var column = frame.GetColumn<DecimalColumn>("Balance");

        Assert.Equal("DECIMAL(38,9)", column.Type.Name);
        Assert.Equal("0.000000000", column.GetString(0));
        Assert.Equal("79228162514264337593543950335.000000000", column.GetString(1));
    }

    [Fact]
    public void No_records_give_a_frame_with_typed_empty_columns()
    {
        var frame = Frame.FromRecords(Array.Empty<Point>());

        Assert.Equal(0, frame.RowCount);
        Assert.Equal(["X", "Y"], frame.ColumnNames);
        Assert.All(frame.Columns, c => Assert.Equal(DataType.Int32, c.Type));
    }

    [Fact]
    public void A_null_record_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Frame.FromRecords(new Customer?[] { new(1, "a", null), null }));

        Assert.Contains("Record 1 is null", error.Message, StringComparison.Ordinal);
    }

    private sealed record Unsupported(Uri Link);

    [Fact]
    public void A_property_type_without_a_column_type_is_reported()
    {
        var error = Assert.Throws<NotSupportedException>(() => Frame.FromRecords([new Unsupported(new Uri("https://example.org"))]));

        Assert.Contains("Property 'Link' of Unsupported is a Uri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_from_a_lazy_sequence_are_read_once()
    {
        var reads = 0;
        IEnumerable<Point> Points()
        {
            reads++;
            yield return new Point(1, 2);
            yield return new Point(3, 4);
        }

        var frame = Frame.FromRecords(Points());

        Assert.Equal(1, reads);
        Assert.Equal([new Point(1, 2), new Point(3, 4)], frame.ToRecords<Point>());
    }

    [Fact]
    public void Row_get_converts_values_like_record_mapping()
    {
        var frame = new Frame(PrimitiveColumn<long>.Create("n", [42]), DecimalColumn.Create("d", DataType.Decimal(5, 2), [1.25m]));
        var row = frame.GetRow(0);

        Assert.Equal(42, row.Get<int>("n"));
        Assert.Equal(1.25, row.Get<double>("d"));
        Assert.Equal("42", row.Get<string>("n"));
    }
}
