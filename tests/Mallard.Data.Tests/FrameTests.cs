namespace Mallard.Data.Tests;

public class FrameTests
{
    private static Frame Sample() => new(
        PrimitiveColumn<long>.Create("id", [1, 2, 3, 4, 5]),
        StringColumn.Create("Name", ["a", null, "ç", "", "e"]),
        ListColumn.Create("tags", PrimitiveColumn<int>.Create("e", [1, 2, 3, 4, 5, 6]), [1, null, 2, 0, 3]),
        StructColumn.Create("point", [PrimitiveColumn<int>.Create("x", [1, 2, 3, 4, 5]), StringColumn.Create("y", ["p", "q", null, "s", "t"])], [0b11101]),
        MapColumn.Create("attrs", StringColumn.Create("k", ["a", "b", "c"]), PrimitiveColumn<double>.Create("v", [0.5, null, 2]), [1, 0, null, 2, 0]),
        PrimitiveColumn<double>.Create("score", [null, 1.5, null, 2.5, null]));

    [Fact]
    public void A_frame_reports_its_shape_and_schema()
    {
        var frame = Sample();

        Assert.Equal(5, frame.RowCount);
        Assert.Equal(6, frame.ColumnCount);
        Assert.Equal(["id", "Name", "tags", "point", "attrs", "score"], frame.ColumnNames);
        Assert.Equal("Frame: 5 rows × 6 columns (id BIGINT, Name VARCHAR, tags INTEGER[], point STRUCT(x INTEGER, y VARCHAR), attrs MAP(VARCHAR, DOUBLE), score DOUBLE)", frame.ToString());
    }

    [Fact]
    public void Columns_of_different_lengths_cannot_form_a_frame()
    {
        var error = Assert.Throws<ArgumentException>(() => new Frame(PrimitiveColumn<int>.Create("a", [1]), PrimitiveColumn<int>.Create("b", [1, 2])));

        Assert.Contains("Column 'b' has 2 rows but column 'a' has 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_is_found_by_its_exact_name_before_one_differing_in_case()
    {
        var frame = new Frame(PrimitiveColumn<int>.Create("value", [1]), PrimitiveColumn<int>.Create("Value", [2]));

        Assert.Equal(2, frame["Value"].GetValue(0));
        Assert.Equal(1, frame["value"].GetValue(0));
        Assert.Equal(1, frame.IndexOf("Value"));
    }

    [Fact]
    public void A_column_is_found_ignoring_case()
    {
        var frame = Sample();

        Assert.Same(frame[1], frame["name"]);
        Assert.Same(frame[0], frame["ID"]);
        Assert.True(frame.TryGetColumn("SCORE", out var score));
        Assert.Equal("score", score.Name);
    }

    [Fact]
    public void A_missing_column_is_reported_with_the_frame_s_columns()
    {
        var frame = Sample();

        var error = Assert.Throws<KeyNotFoundException>(() => frame["nope"]);

        Assert.Equal("The frame has no column 'nope'. Its columns are: id, Name, tags, point, attrs, score.", error.Message);
        Assert.Equal(-1, frame.IndexOf("nope"));
        Assert.False(frame.TryGetColumn("nope", out _));
    }

    [Fact]
    public void A_column_index_outside_the_frame_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Sample()[6]);

        Assert.Contains("The frame has 6 columns; there is no column 6.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_typed_column_and_span_are_read_by_name()
    {
        var frame = Sample();

        Assert.Equal([1L, 2, 3, 4, 5], frame.GetSpan<long>("id").ToArray());
        Assert.Equal("ç", frame.GetColumn<StringColumn>("name")[2]);
        var error = Assert.Throws<InvalidCastException>(() => frame.GetColumn<DateColumn>("id"));
        Assert.Contains("is BIGINT, held in a PrimitiveColumn`1, not a DateColumn", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidCastException>(() => frame.GetSpan<int>("id"));
    }

    [Fact]
    public void Head_takes_the_first_rows_of_every_column()
    {
        var head = Sample().Head(2);

        Assert.Equal(2, head.RowCount);
        Assert.Equal([1L, 2L], head["id"].AsEnumerable());
        Assert.Equal(["a", null], head["Name"].AsEnumerable());
        Assert.Equal(new object?[] { 1 }, head["tags"].GetValue(0));
        Assert.Null(head["tags"].GetValue(1));
        Assert.Equal(1, ((ListColumn)head["tags"]).Elements.Length);
        Assert.Equal("p", ((IReadOnlyDictionary<string, object?>)head["point"].GetValue(0)!)["y"]);
        Assert.Null(head["point"].GetValue(1));
        Assert.Equal(0.5, ((IReadOnlyDictionary<object, object?>)head["attrs"].GetValue(0)!)["a"]);
        Assert.Equal([null, 1.5], head["score"].AsEnumerable());
    }

    [Fact]
    public void Head_of_more_rows_than_the_frame_has_is_the_whole_frame()
    {
        var frame = Sample();

        Assert.Same(frame, frame.Head(50));
        Assert.Equal(0, frame.Head(0).RowCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => frame.Head(-1));
    }

    [Fact]
    public void Tail_takes_the_last_rows_of_every_column()
    {
        var tail = Sample().Tail(2);

        Assert.Equal([4L, 5L], tail["id"].AsEnumerable());
        Assert.Equal(["", "e"], tail["Name"].AsEnumerable());
        Assert.Equal(Array.Empty<object?>(), tail["tags"].GetValue(0));
        Assert.Equal(new object?[] { 4, 5, 6 }, tail["tags"].GetValue(1));
        Assert.Equal(["s", "t"], ((StructColumn)tail["point"]).Fields[1].AsEnumerable());
        var attrs = (IReadOnlyDictionary<object, object?>)tail["attrs"].GetValue(0)!;
        Assert.Equal(["b", "c"], attrs.Keys);
        Assert.Null(attrs["b"]);
        Assert.Equal(2.0, attrs["c"]);
        Assert.Equal([2.5, null], tail["score"].AsEnumerable());
        Assert.Equal(1, tail["score"].NullCount);
    }

    [Fact]
    public void Slice_takes_a_middle_run_and_keeps_nulls_in_place()
    {
        var slice = Sample().Slice(1, 3);

        Assert.Equal([2L, 3L, 4L], slice["id"].AsEnumerable());
        Assert.Equal([null, "ç", ""], slice["Name"].AsEnumerable());
        Assert.True(slice["tags"].IsNull(0));
        Assert.Equal(new object?[] { 2, 3 }, slice["tags"].GetValue(1));
        Assert.Null(((IReadOnlyDictionary<string, object?>)slice["point"].GetValue(1)!)["y"]);
        Assert.True(slice["point"].IsNull(0));
        Assert.True(slice["attrs"].IsNull(1));
        Assert.Equal([1.5, null, 2.5], slice["score"].AsEnumerable());
    }

    [Fact]
    public void A_slice_past_the_end_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Sample().Slice(4, 2));

        Assert.Contains("run past the end of column 'id' (5 rows)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_slice_of_a_column_without_nulls_in_range_has_no_validity_bits()
    {
        var slice = Sample().Slice(3, 1);

        Assert.Equal(0, slice["score"].NullCount);
        Assert.True(slice["score"].ValidityBits.IsEmpty);
    }

    [Fact]
    public void Take_picks_rows_in_the_given_order_with_repeats()
    {
        var taken = Sample().Take([4, 0, 4, 2]);

        Assert.Equal([5L, 1L, 5L, 3L], taken["id"].AsEnumerable());
        Assert.Equal(["e", "a", "e", "ç"], taken["Name"].AsEnumerable());
        Assert.Equal(new object?[] { 4, 5, 6 }, taken["tags"].GetValue(0));
        Assert.Equal(new object?[] { 1 }, taken["tags"].GetValue(1));
        Assert.Equal(new object?[] { 2, 3 }, taken["tags"].GetValue(3));
        Assert.Equal(9, ((ListColumn)taken["tags"]).Elements.Length);
        Assert.True(taken["point"].IsNull(0) is false && taken["point"].IsNull(3) is false);
        Assert.Null(((IReadOnlyDictionary<string, object?>)taken["point"].GetValue(3)!)["y"]);
        Assert.True(taken["attrs"].IsNull(3));
        Assert.Equal([null, null, null, null], taken["score"].AsEnumerable());
    }

    [Fact]
    public void Take_of_a_row_outside_the_frame_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sample().Take([5]));
    }

    [Fact]
    public void Select_keeps_the_named_columns_in_the_given_order()
    {
        var selected = Sample().Select("score", "ID");

        Assert.Equal(["score", "id"], selected.ColumnNames);
    }

    [Fact]
    public void Rows_read_values_through_the_columns()
    {
        var frame = Sample();

        var row = frame.GetRow(1);

        Assert.Equal(2L, row["id"]);
        Assert.True(row.IsNull("Name"));
        Assert.Equal(2, row.Get<int>("id"));
        Assert.Equal(5, frame.Rows.Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => frame.GetRow(5));
    }

    [Fact]
    public void The_empty_frame_has_no_rows_or_columns()
    {
        Assert.Equal(0, Frame.Empty.RowCount);
        Assert.Equal(0, Frame.Empty.ColumnCount);
        Assert.Equal("Frame: 0 rows × 0 columns", Frame.Empty.ToString());
    }
}
