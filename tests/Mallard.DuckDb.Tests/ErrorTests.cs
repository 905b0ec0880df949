using System.Data.Common;

namespace Mallard.DuckDb.Tests;

/// <summary>SQL errors carry DuckDB's error class, the character position, and a LINE context with a caret under it.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ErrorTests : IDisposable
{
    private readonly DuckDbConnection _connection;

    public ErrorTests(DatabaseFixture fixture) => _connection = fixture.Connect();

    public void Dispose() => _connection.Dispose();

    [Theory]
    [InlineData("SELEC 1", DuckDbErrorType.Parser, "SELEC")]
    [InlineData("SELECT * FROM no_such_table", DuckDbErrorType.Catalog, "no_such_table")]
    [InlineData("SELECT no_such_column FROM range(3)", DuckDbErrorType.Binder, "no_such_column")]
    [InlineData("SELECT 'é 鸭 🦆 e\u0301' AS x, no_such_column", DuckDbErrorType.Binder, "no_such_column")]
    [InlineData("SELECT 'ñ' AS a,\n       'ü' AS b,\n       no_such_column AS c", DuckDbErrorType.Binder, "no_such_column")]
    [InlineData("SELECT 1;\nSELECT '鸭子' AS duck, nope FROM range(1)", DuckDbErrorType.Binder, "nope")]
    public void An_error_names_its_class_and_places_a_caret_under_the_offending_character(string sql, DuckDbErrorType type, string offending)
    {
        var error = Assert.Throws<DuckDbException>(() => _connection.Query(sql));

        Assert.Equal(type, error.ErrorType);
        var expected = sql.IndexOf(offending, StringComparison.Ordinal);
        Assert.Equal(expected, error.Position);
        Assert.Equal(sql, error.Sql);
        AssertCaretUnder(error.Message, sql, expected);
    }

    [Fact]
    public void A_conversion_error_has_its_class_and_DuckDB_s_message()
    {
        var error = Assert.Throws<DuckDbException>(() => _connection.Query("SELECT 'abc'::INTEGER AS v"));

        Assert.Equal(DuckDbErrorType.Conversion, error.ErrorType);
        Assert.StartsWith("Conversion Error:", error.Message, StringComparison.Ordinal);
        Assert.Contains("abc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constraint_violation_is_a_constraint_error()
    {
        _connection.Execute("CREATE TEMP TABLE keyed(id INTEGER PRIMARY KEY)");
        _connection.Execute("INSERT INTO keyed VALUES (1)");

        var error = Assert.Throws<DuckDbException>(() => _connection.Execute("INSERT INTO keyed VALUES (1)"));

        Assert.Equal(DuckDbErrorType.Constraint, error.ErrorType);
        Assert.Contains("primary key", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void DuckDB_errors_are_DbExceptions_whose_short_message_is_the_first_line()
    {
        var error = Assert.Throws<DuckDbException>(() => _connection.Query("SELECT * FROM missing_table"));

        Assert.IsAssignableFrom<DbException>(error);
        Assert.DoesNotContain('\n', error.ShortMessage);
        Assert.StartsWith("Catalog Error:", error.ShortMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("{", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_connection_works_after_an_error()
    {
        Assert.Throws<DuckDbException>(() => _connection.Query("SELEC 1"));

        Assert.Equal(1, _connection.Query("SELECT 1 AS v")["v"].GetValue(0));
    }

    [Fact]
    public void An_empty_text_is_an_error_not_a_crash()
    {
        var error = Assert.Throws<DuckDbException>(() => _connection.Query("  -- nothing here\n"));

        Assert.Contains("no statement", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static void AssertCaretUnder(string message, string sql, int position)
    {
        var lines = message.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var at = Array.FindIndex(lines, l => l.StartsWith("LINE ", StringComparison.Ordinal));
        Assert.True(at >= 0 && at + 1 < lines.Length, $"no LINE context in: {message}");
        var lineStart = sql.LastIndexOf('\n', Math.Max(0, position - 1)) + 1;
        if (position == 0) lineStart = 0;
        var lineNumber = sql[..lineStart].Count(c => c == '\n') + 1;
        var prefix = $"LINE {lineNumber}: ";
        Assert.StartsWith(prefix, lines[at], StringComparison.Ordinal);
        var lineEnd = sql.IndexOf('\n', lineStart);
        Assert.Equal(sql[lineStart..(lineEnd < 0 ? sql.Length : lineEnd)], lines[at][prefix.Length..]);
        Assert.Equal(prefix.Length + (position - lineStart), lines[at + 1].IndexOf('^', StringComparison.Ordinal));
        Assert.Equal(sql[position], lines[at][lines[at + 1].IndexOf('^', StringComparison.Ordinal)]);
    }
}
