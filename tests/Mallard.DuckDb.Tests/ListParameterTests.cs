using System.Collections;

namespace Mallard.DuckDb.Tests;

/// <summary>Arrays and lists bound as one LIST parameter.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ListParameterTests : IDisposable
{
    private readonly DuckDbConnection _connection;

    public ListParameterTests(DatabaseFixture fixture) => _connection = fixture.Connect();

    public void Dispose() => _connection.Dispose();

    private Mallard.Data.Frame One(string sql, object? value) =>
        _connection.Query(sql, new Dictionary<string, object?> { ["l"] = value });

    [Fact]
    public void An_int_array_binds_as_an_integer_list_usable_in_a_filter()
    {
        var frame = One("SELECT typeof($l) AS t, (SELECT count(*) FROM range(10) WHERE list_contains($l, range::INTEGER)) AS hits", new[] { 1, 3, 5 });

        Assert.Equal("INTEGER[]", frame["t"].GetValue(0));
        Assert.Equal(3L, frame["hits"].GetValue(0));
    }

    [Fact]
    public void A_list_of_strings_round_trips_with_nulls_and_hostile_text_as_data()
    {
        var values = new List<string?> { "US", null, "'; DROP TABLE x; --", "Ünïcödé", "" };

        var frame = One("SELECT typeof($l) AS t, $l AS l, len($l) AS n", values);

        Assert.Equal("VARCHAR[]", frame["t"].GetValue(0));
        Assert.Equal(5L, frame["n"].GetValue(0));
        Values.AssertDeepEqual(values, frame["l"].GetValue(0));
    }

    [Fact]
    public void Decimals_of_different_scales_share_one_exact_decimal_type()
    {
        var frame = One("SELECT typeof($l) AS t, $l AS l", new[] { 1.5m, 2.125m, -1000m });

        Assert.Equal("DECIMAL(38,3)[]", frame["t"].GetValue(0));
        Values.AssertDeepEqual(new[] { 1.5m, 2.125m, -1000m }, frame["l"].GetValue(0));
    }

    [Fact]
    public void Dates_timestamps_and_guids_keep_their_types()
    {
        var guid = Guid.Parse("6f1c2a3b-4d5e-4f60-8172-93a4b5c6d7e8");
        var frame = _connection.Query(
            "SELECT typeof($d) AS td, $d AS d, typeof($ts) AS tts, $ts AS ts, typeof($g) AS tg, $g AS g",
            new Dictionary<string, object?>
            {
                ["d"] = new[] { new DateOnly(1969, 12, 31), new DateOnly(2024, 2, 29) },
                ["ts"] = new List<DateTime> { new(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified) },
                ["g"] = new[] { guid },
            });

        Assert.Equal("DATE[]", frame["td"].GetValue(0));
        Assert.Equal("TIMESTAMP[]", frame["tts"].GetValue(0));
        Assert.Equal("UUID[]", frame["tg"].GetValue(0));
        Values.AssertDeepEqual(new[] { new DateOnly(1969, 12, 31), new DateOnly(2024, 2, 29) }, frame["d"].GetValue(0));
        Values.AssertDeepEqual(new[] { new DateTime(2024, 1, 2, 3, 4, 5) }, frame["ts"].GetValue(0));
        Values.AssertDeepEqual(new[] { guid }, frame["g"].GetValue(0));
    }

    [Fact]
    public void A_list_of_lists_binds_as_a_nested_list()
    {
        var frame = One("SELECT typeof($l) AS t, $l AS l", new[] { new long[] { 1, 2 }, [], new long[] { 3 } });

        Assert.Equal("BIGINT[][]", frame["t"].GetValue(0));
        Values.AssertDeepEqual(new[] { new long[] { 1, 2 }, [], new long[] { 3 } }, frame["l"].GetValue(0));
    }

    [Fact]
    public void An_empty_array_is_an_empty_list_of_its_element_type()
    {
        var frame = One("SELECT typeof($l) AS t, len($l) AS n", Array.Empty<double>());

        Assert.Equal("DOUBLE[]", frame["t"].GetValue(0));
        Assert.Equal(0L, frame["n"].GetValue(0));
    }

    [Fact]
    public void Object_elements_take_the_type_of_the_first_value_and_a_misfit_is_named()
    {
        var frame = One("SELECT typeof($l) AS t", new object?[] { null, 7L, 8L });
        Assert.Equal("BIGINT[]", frame["t"].GetValue(0));

        var error = Assert.Throws<DuckDbException>(() => One("SELECT $l AS l", new object[] { 7L, "seven" }));
        Assert.Contains("$l", error.Message, StringComparison.Ordinal);
        Assert.Contains("Int64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_element_type_that_cannot_be_bound_is_named()
    {
        var error = Assert.Throws<NotSupportedException>(() => One("SELECT $l AS l", new[] { new Uri("https://example.com") }));

        Assert.Contains("$l", error.Message, StringComparison.Ordinal);
        Assert.Contains("Uri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dictionary_is_not_taken_for_a_list()
    {
        var error = Assert.Throws<NotSupportedException>(() => One("SELECT $l AS l", new Dictionary<string, int> { ["a"] = 1 }));

        Assert.Contains("Dictionary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prepared_statement_takes_a_new_list_each_run()
    {
        using var statement = _connection.Prepare("SELECT sum(x)::BIGINT AS s FROM (SELECT unnest($1) AS x)");

        Assert.Equal(6L, statement.Bind(1, new[] { 1, 2, 3 }).Query()["s"].GetValue(0));
        Assert.Equal(40L, statement.Bind(1, (IEnumerable)new List<int> { 10, 30 }).Query()["s"].GetValue(0));
    }
}
