namespace Mallard.DuckDb.Tests;

/// <summary>Scripts of several statements, and every way of passing parameters.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ScriptAndParameterTests : IDisposable
{
    private readonly DuckDbConnection _connection;

    public ScriptAndParameterTests(DatabaseFixture fixture) => _connection = fixture.Connect();

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void A_script_runs_every_statement_and_returns_the_last_result()
    {
        var frame = _connection.Query("CREATE TEMP TABLE s1(x INTEGER); INSERT INTO s1 VALUES (1), (2); INSERT INTO s1 VALUES (4); SELECT sum(x)::BIGINT AS total FROM s1");

        Assert.Equal(7L, frame["total"].GetValue(0));
    }

    [Fact]
    public void Execute_returns_the_rows_the_last_statement_changed()
    {
        Assert.Equal(-1, _connection.Execute("CREATE TEMP TABLE s2(x INTEGER)"));
        Assert.Equal(3, _connection.Execute("INSERT INTO s2 VALUES (1), (2), (3)"));
        Assert.Equal(2, _connection.Execute("INSERT INTO s2 VALUES (9); UPDATE s2 SET x = x + 1 WHERE x < 3"));
        Assert.Equal(4, _connection.Execute("DELETE FROM s2"));
    }

    [Fact]
    public void A_failure_in_the_second_of_three_statements_reports_that_statement_s_error_and_stops_there()
    {
        const string script = "CREATE TEMP TABLE s3(x INTEGER);\nINSERT INTO s3 SELECT no_such_column FROM range(1);\nINSERT INTO s3 VALUES (1);";

        var error = Assert.Throws<DuckDbException>(() => _connection.Query(script));

        Assert.Equal(DuckDbErrorType.Binder, error.ErrorType);
        Assert.Contains("no_such_column", error.ShortMessage, StringComparison.Ordinal);
        Assert.Contains("LINE 2: INSERT INTO s3 SELECT no_such_column", error.Message, StringComparison.Ordinal);
        Assert.Equal(script.IndexOf("no_such_column", StringComparison.Ordinal), error.Position);
        Assert.Equal(0L, _connection.Query("SELECT count(*) AS n FROM s3")[0].GetValue(0));
    }

    [Fact]
    public void Positional_question_mark_parameters_bind_in_order()
    {
        var frame = _connection.Query("SELECT ? AS a, ? AS b, ? - ? AS c", new object[] { "first", 2, 10, 3 });

        Assert.Equal("first", frame["a"].GetValue(0));
        Assert.Equal(2, frame["b"].GetValue(0));
        Assert.Equal(7, frame["c"].GetValue(0));
    }

    [Fact]
    public void Numbered_dollar_parameters_can_repeat()
    {
        var frame = _connection.Query("SELECT $1 || $2 || $1 AS v", new[] { "a", "b" });

        Assert.Equal("aba", frame["v"].GetValue(0));
    }

    [Fact]
    public void Named_parameters_bind_by_name_whatever_the_prefix_or_case()
    {
        var frame = _connection.Query("SELECT repeat($word, $times) AS v, $Word AS w", new Dictionary<string, object?> { ["$WORD"] = "ab", ["times"] = 3 });

        Assert.Equal("ababab", frame["v"].GetValue(0));
        Assert.Equal("ab", frame["w"].GetValue(0));
    }

    [Fact]
    public void Every_statement_of_a_script_gets_the_parameters_it_uses()
    {
        var frame = _connection.Query(
            "CREATE TEMP TABLE s4(x INTEGER, y VARCHAR); INSERT INTO s4 VALUES ($x, $y); SELECT y FROM s4 WHERE x = $x",
            new Dictionary<string, object> { ["x"] = 5, ["y"] = "five" });

        Assert.Equal("five", frame["y"].GetValue(0));
    }

    [Fact]
    public void A_prepared_statement_runs_again_with_new_values()
    {
        using var statement = _connection.Prepare("SELECT $1::INTEGER * 2 AS v, $2 AS label");

        Assert.Equal(2, statement.ParameterCount);
        Assert.Equal(10, statement.Bind(1, 5).Bind(2, "five").Query()["v"].GetValue(0));
        var again = statement.Bind(1, 7).Bind(2, "seven").Query();
        Assert.Equal(14, again["v"].GetValue(0));
        Assert.Equal("seven", again["label"].GetValue(0));
        Assert.Equal(-2, statement.BindAll(new object[] { -1, "minus one" }).Query()["v"].GetValue(0));
    }

    [Fact]
    public void A_prepared_statement_binds_named_parameters_and_reports_their_names()
    {
        using var statement = _connection.Prepare("SELECT $price * $quantity AS total");

        Assert.Equal(["price", "quantity"], statement.ParameterNames.Order());
        Assert.Equal(7.5m, statement.Bind("price", 2.5m).Bind("$quantity", 3).Query()["total"].GetValue(0));
    }

    [Fact]
    public void A_prepared_insert_reports_rows_changed_each_time()
    {
        _connection.Execute("CREATE TEMP TABLE s5(x INTEGER)");
        using var insert = _connection.Prepare("INSERT INTO s5 SELECT * FROM range($1::INTEGER)");

        Assert.Equal(3, insert.Bind(1, 3).Execute());
        Assert.Equal(5, insert.Bind(1, 5).Execute());
        Assert.Equal(8L, _connection.Query("SELECT count(*) AS n FROM s5")[0].GetValue(0));
    }

    [Fact]
    public void Clearing_bindings_makes_the_next_run_ask_for_values_again()
    {
        using var statement = _connection.Prepare("SELECT $1::INTEGER AS v");
        statement.Bind(1, 1);
        Assert.Equal(1, statement.Query()["v"].GetValue(0));

        statement.ClearBindings();

        var error = Assert.Throws<DuckDbException>(() => statement.Query());
        Assert.Contains("not provided", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_missing_named_value_is_reported_by_parameter_name()
    {
        var error = Assert.Throws<DuckDbException>(() => _connection.Query("SELECT $alpha + $beta AS v", new Dictionary<string, object?> { ["alpha"] = 1 }));

        Assert.Contains("$beta", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("$alpha", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binding_an_unknown_name_lists_the_statement_s_parameters()
    {
        using var statement = _connection.Prepare("SELECT $alpha + $beta AS v");

        var error = Assert.Throws<DuckDbException>(() => statement.Bind("gamma", 1));

        Assert.Contains("$gamma", error.Message, StringComparison.Ordinal);
        Assert.Contains("$alpha", error.Message, StringComparison.Ordinal);
        Assert.Contains("$beta", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_or_too_many_positional_values_are_reported_with_both_counts()
    {
        var tooFew = Assert.Throws<DuckDbException>(() => _connection.Query("SELECT ? + ? AS v", new object[] { 1 }));
        var tooMany = Assert.Throws<DuckDbException>(() => _connection.Query("SELECT ? AS v", new object[] { 1, 2 }));
        var none = Assert.Throws<DuckDbException>(() => _connection.Query("SELECT ? AS v"));

        Assert.Contains("2 parameter(s)", tooFew.Message, StringComparison.Ordinal);
        Assert.Contains("1 value(s)", tooFew.Message, StringComparison.Ordinal);
        Assert.Contains("1 parameter(s)", tooMany.Message, StringComparison.Ordinal);
        Assert.Contains("2 value(s)", tooMany.Message, StringComparison.Ordinal);
        Assert.Contains("no values", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_position_outside_the_statement_s_parameters_is_refused()
    {
        using var statement = _connection.Prepare("SELECT ? AS v");

        Assert.Throws<ArgumentOutOfRangeException>(() => statement.Bind(2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => statement.Bind(0, 1));
    }

    [Fact]
    public void A_prepared_statement_holds_exactly_one_statement()
    {
        var error = Assert.Throws<ArgumentException>(() => _connection.Prepare("SELECT 1; SELECT 2"));

        Assert.Contains("2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("'; DROP TABLE hostile; --")]
    [InlineData("Robert'); DELETE FROM hostile; --")]
    [InlineData("/* not a comment */ $1 ? $name")]
    [InlineData("\"quoted\" ''doubled'' \\ backslash \n newline")]
    public void Hostile_string_values_stay_data(string value)
    {
        _connection.Execute("CREATE OR REPLACE TEMP TABLE hostile(v VARCHAR)");

        _connection.Execute("INSERT INTO hostile VALUES ($1)", new[] { value });
        _connection.Execute("INSERT INTO hostile VALUES ($v)", new Dictionary<string, object> { ["v"] = value });

        var frame = _connection.Query("SELECT v FROM hostile");
        Assert.Equal(2, frame.RowCount);
        Assert.Equal(value, frame["v"].GetValue(0));
        Assert.Equal(value, frame["v"].GetValue(1));
    }
}
