namespace Mallard.Data.Tests;

public class DescribeTests
{
    private static Dictionary<string, object?> Summary(Frame description, string column)
    {
        var index = description.GetColumn<StringColumn>("column").AsEnumerable().ToList().IndexOf(column);
        Assert.True(index >= 0, $"No summary row for '{column}'.");
        return description.ColumnNames.ToDictionary(n => n, n => description[n].GetValue(index));
    }

    [Fact]
    public void The_summary_has_one_row_per_column_with_typed_columns()
    {
        var frame = new Frame(PrimitiveColumn<int>.Create("a", [1]), StringColumn.Create("b", ["x"]));

        var description = frame.Describe();

        Assert.Equal(2, description.RowCount);
        Assert.Equal(["column", "type", "count", "nulls", "min", "max", "mean", "std"], description.ColumnNames);
        Assert.Equal(["VARCHAR", "VARCHAR", "BIGINT", "BIGINT", "VARCHAR", "VARCHAR", "DOUBLE", "DOUBLE"], description.Columns.Select(c => c.Type.Name));
        Assert.Equal(["a", "b"], description["column"].AsEnumerable());
        Assert.Equal(["INTEGER", "VARCHAR"], description["type"].AsEnumerable());
    }

    [Fact]
    public void An_integer_column_is_summarised_with_mean_and_sample_deviation()
    {
        // 2, 4, 4, 4, 5, 5, 7, 9 and a NULL: mean 5, squared deviations sum to 32, sample variance 32/7.
        var frame = new Frame(PrimitiveColumn<long>.Create("n", [2, 4, null, 4, 4, 5, 5, 7, 9]));

        var summary = Summary(frame.Describe(), "n");

        Assert.Equal(8L, summary["count"]);
        Assert.Equal(1L, summary["nulls"]);
        Assert.Equal("2", summary["min"]);
        Assert.Equal("9", summary["max"]);
        Assert.Equal(5.0, (double)summary["mean"]!, 12);
        Assert.Equal(Math.Sqrt(32.0 / 7), (double)summary["std"]!, 12);
    }

    [Fact]
    public void A_double_column_is_summarised_and_negative_values_order_correctly()
    {
        var frame = new Frame(PrimitiveColumn<double>.Create("d", [-1.5, 0.5, 2.5]));

        var summary = Summary(frame.Describe(), "d");

        Assert.Equal("-1.5", summary["min"]);
        Assert.Equal("2.5", summary["max"]);
        Assert.Equal(0.5, (double)summary["mean"]!, 12);
        Assert.Equal(2.0, (double)summary["std"]!, 12); // deviations -2, 0, 2: 8 / 2 = 4
    }

    [Fact]
    public void Nan_is_the_largest_double_as_in_duckdb()
    {
        var frame = new Frame(PrimitiveColumn<double>.Create("d", [double.NaN, 1, -1]));

        var summary = Summary(frame.Describe(), "d");

        Assert.Equal("-1.0", summary["min"]);
        Assert.Equal("nan", summary["max"]);
        Assert.True(double.IsNaN((double)summary["mean"]!));
    }

    [Fact]
    public void Huge_integers_are_summarised_exactly_for_min_and_max()
    {
        var frame = new Frame(PrimitiveColumn<Int128>.Create("h", [Int128.MaxValue, Int128.MinValue, 0]));

        var summary = Summary(frame.Describe(), "h");

        Assert.Equal("-170141183460469231731687303715884105728", summary["min"]);
        Assert.Equal("170141183460469231731687303715884105727", summary["max"]);
        Assert.Equal(0.0, (double)summary["mean"]!, 3);
    }

    [Fact]
    public void A_decimal_column_gives_exact_extremes_and_a_scaled_mean()
    {
        var frame = new Frame(DecimalColumn.Create("price", DataType.Decimal(10, 2), [1.10m, 2.20m, null, 3.30m]));

        var summary = Summary(frame.Describe(), "price");

        Assert.Equal(3L, summary["count"]);
        Assert.Equal("1.10", summary["min"]);
        Assert.Equal("3.30", summary["max"]);
        Assert.Equal(2.2, (double)summary["mean"]!, 12);
        Assert.Equal(1.1, (double)summary["std"]!, 12);
    }

    [Fact]
    public void Text_is_ordered_by_code_point_and_has_no_mean()
    {
        var frame = new Frame(StringColumn.Create("s", ["b", "B", "é", "a", null, ""]));

        var summary = Summary(frame.Describe(), "s");

        Assert.Equal(5L, summary["count"]);
        Assert.Equal(1L, summary["nulls"]);
        Assert.Equal("", summary["min"]);
        Assert.Equal("é", summary["max"]);
        Assert.Null(summary["mean"]);
        Assert.Null(summary["std"]);
    }

    [Fact]
    public void Dates_and_timestamps_have_extremes_but_no_mean()
    {
        var frame = new Frame(
            DateColumn.Create("d", [new DateOnly(2020, 5, 1), new DateOnly(1960, 1, 1), new DateOnly(2030, 1, 1)]),
            TimestampColumn.Create("t", [new DateTime(2024, 1, 1, 12, 0, 0), new DateTime(2024, 1, 1, 11, 59, 59), null]));

        var description = frame.Describe();
        var dates = Summary(description, "d");
        var timestamps = Summary(description, "t");

        Assert.Equal("1960-01-01", dates["min"]);
        Assert.Equal("2030-01-01", dates["max"]);
        Assert.Null(dates["mean"]);
        Assert.Equal("2024-01-01 11:59:59", timestamps["min"]);
        Assert.Equal("2024-01-01 12:00:00", timestamps["max"]);
        Assert.Equal(2L, timestamps["count"]);
    }

    [Fact]
    public void Booleans_order_false_before_true()
    {
        var frame = new Frame(PrimitiveColumn<bool>.Create("b", [true, null, false]), PrimitiveColumn<bool>.Create("t", [true, true, false]));

        var description = frame.Head(2).Describe();

        Assert.Equal("false", Summary(frame.Describe(), "b")["min"]);
        Assert.Equal("true", Summary(frame.Describe(), "b")["max"]);
        Assert.Equal("true", Summary(description, "t")["min"]);
    }

    [Fact]
    public void A_column_of_only_nulls_has_no_extremes_or_mean()
    {
        var frame = new Frame(PrimitiveColumn<int>.Create("n", [null, null]));

        var summary = Summary(frame.Describe(), "n");

        Assert.Equal(0L, summary["count"]);
        Assert.Equal(2L, summary["nulls"]);
        Assert.Null(summary["min"]);
        Assert.Null(summary["max"]);
        Assert.Null(summary["mean"]);
        Assert.Null(summary["std"]);
    }

    [Fact]
    public void One_value_has_a_mean_but_no_sample_deviation()
    {
        var summary = Summary(new Frame(PrimitiveColumn<int>.Create("n", [42])).Describe(), "n");

        Assert.Equal(42.0, summary["mean"]);
        Assert.Null(summary["std"]);
    }

    [Fact]
    public void Unordered_types_are_counted_only()
    {
        var frame = new Frame(Fixtures.IntLists("l"), BlobColumn.Create("b", [[1], null, null, null]));

        var description = frame.Describe();
        var lists = Summary(description, "l");
        var blobs = Summary(description, "b");

        Assert.Equal(3L, lists["count"]);
        Assert.Equal(1L, lists["nulls"]);
        Assert.Null(lists["min"]);
        Assert.Null(lists["mean"]);
        Assert.Equal(1L, blobs["count"]);
        Assert.Equal(3L, blobs["nulls"]);
    }

    [Fact]
    public void Large_values_close_together_keep_their_deviation()
    {
        var frame = new Frame(PrimitiveColumn<double>.Create("d", [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]));

        var summary = Summary(frame.Describe(), "d");

        Assert.Equal(1e9 + 10, (double)summary["mean"]!, 6);
        Assert.Equal(Math.Sqrt(30.0), (double)summary["std"]!, 6); // deviations -6, -3, 3, 6: 90 / 3
    }
}
