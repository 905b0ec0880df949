using Mallard.Data;

namespace Mallard.DuckDb.Tests;

/// <summary>Results spanning many 2,048-row vectors read back value by value against the formula that made them.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class LargeResultTests : IDisposable
{
    private readonly DuckDbConnection _connection;

    public LargeResultTests(DatabaseFixture fixture) => _connection = fixture.Connect();

    public void Dispose() => _connection.Dispose();

    public static TheoryData<int, Nulls> Sizes()
    {
        var data = new TheoryData<int, Nulls>();
        foreach (var rows in new[] { 2048, 2049, 10_000, 100_000 })
            foreach (var nulls in Enum.GetValues<Nulls>())
                data.Add(rows, nulls);
        // Large enough to be copied on two threads (QueryResult.SplitCopy), with batches of chunks handed over and a last short one.
        data.Add(300_001, Nulls.None);
        data.Add(300_001, Nulls.EveryThirdRow);
        return data;
    }

    private static string Sql(int rows, Nulls nulls)
    {
        var when = NullRows.When(nulls);
        return $$"""
            SELECT i,
                CASE WHEN {{when}} THEN NULL ELSE i * 3 END AS n,
                CASE WHEN {{when}} THEN NULL ELSE (i % 100)::TINYINT END AS tiny,
                CASE WHEN {{when}} THEN NULL ELSE 'v' || i END AS short_text,
                CASE WHEN {{when}} THEN NULL ELSE repeat('x', (i % 20)::INTEGER) || i END AS text,
                CASE WHEN {{when}} THEN NULL ELSE i / 4 END AS d,
                CASE WHEN {{when}} THEN NULL ELSE i::DECIMAL(18,2) / 100 END AS money,
                CASE WHEN {{when}} THEN NULL ELSE i % 2 = 0 END AS even,
                CASE WHEN {{when}} THEN NULL ELSE DATE '2000-01-01' + (i % 10000)::INTEGER END AS day,
                CASE WHEN {{when}} THEN NULL ELSE [i, NULL, i + 1] END AS list,
                CASE WHEN {{when}} THEN NULL ELSE {'k': i, 's': 'item number ' || i} END AS record
            FROM range({{rows}}) t(i)
            ORDER BY i
            """;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Every_row_of_a_multi_vector_result_holds_the_value_its_formula_gives(int rows, Nulls nulls)
    {
        var frame = _connection.Query(Sql(rows, nulls));

        NullRows.AssertEachRow(frame, rows, nulls, row =>
        {
            Assert.Equal(row * 3L, frame["n"].GetValue(row));
            Assert.Equal((sbyte)(row % 100), frame["tiny"].GetValue(row));
            Assert.Equal("v" + row, frame["short_text"].GetValue(row));
            Assert.Equal(new string('x', row % 20) + row, frame["text"].GetValue(row));
            Assert.Equal(row / 4.0, frame["d"].GetValue(row));
            Assert.Equal(row / 100m, Convert.ToDecimal(frame["money"].GetValue(row), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(row % 2 == 0, frame["even"].GetValue(row));
            Assert.Equal(new DateOnly(2000, 1, 1).AddDays(row % 10000), frame["day"].GetValue(row));
            Values.AssertDeepEqual(new object?[] { (long)row, null, row + 1L }, frame["list"].GetValue(row), $"list row {row}");
            Values.AssertDeepEqual(Values.Struct(("k", (long)row), ("s", "item number " + row)), frame["record"].GetValue(row), $"record row {row}");
        });
        Assert.Equal(NullRows.Count(nulls, rows), frame["text"].NullCount);
    }

    [Fact]
    public void A_list_column_whose_elements_span_many_vectors_keeps_each_row_s_elements()
    {
        // 3,000 rows of up to 9 elements: the list's child vector is far longer than one vector.
        var frame = _connection.Query("SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE range(i % 10) END AS l FROM range(3000) t(i) ORDER BY i");

        var lists = Assert.IsType<ListColumn>(frame["l"]);
        for (var row = 0; row < 3000; row++)
        {
            if (row % 7 == 0)
            {
                Assert.True(lists.IsNull(row));
                continue;
            }
            Values.AssertDeepEqual(Enumerable.Range(0, row % 10).Select(v => (object?)(long)v).ToArray(), lists.GetValue(row), $"row {row}");
        }
    }

    [Fact]
    public void An_empty_result_keeps_its_columns_and_types()
    {
        var frame = _connection.Query("SELECT i, 'x' || i AS s FROM range(10) t(i) WHERE i < 0");

        Assert.Equal(0, frame.RowCount);
        Assert.Equal(["i", "s"], frame.ColumnNames);
        Assert.Equal(DataKind.Int64, frame["i"].Type.Kind);
        Assert.Equal(DataKind.Varchar, frame["s"].Type.Kind);
    }
}
