using Mallard.Engine.Sql;

namespace Mallard.Engine.Tests;

public sealed class SqlLexerTests
{
    [Theory]
    [InlineData("1.5e-3", "1.5e-3")]
    [InlineData("2E+10", "2E+10")]
    [InlineData("42", "42")]
    public void A_number_keeps_its_exponent_and_sign(string sql, string number)
    {
        var tokens = SqlLexer.Tokenize(sql + " - 1", out _);

        Assert.Equal(new SqlToken(SqlTokenKind.Number, 0, number), tokens[0]);
        Assert.Equal(new SqlToken(SqlTokenKind.Symbol, number.Length + 1, "-"), tokens[1]);
    }

    [Fact]
    public void A_word_ending_in_e_before_a_minus_is_not_a_number()
    {
        var tokens = SqlLexer.Tokenize("price-1", out _);

        Assert.Equal([SqlTokenKind.Word, SqlTokenKind.Symbol, SqlTokenKind.Number], tokens.Select(t => t.Kind));
    }

    [Fact]
    public void Statements_split_with_their_offsets_and_an_unterminated_string_keeps_its_semicolons()
    {
        const string script = "SELECT 1;\n  SELECT 'a;b';\nSELECT 'open;";

        var statements = SqlLexer.Split(script);

        Assert.Equal([("SELECT 1;", 0), ("SELECT 'a;b';", 12), ("SELECT 'open;", 26)], statements);
        Assert.Equal(script.IndexOf("SELECT 'a", StringComparison.Ordinal), statements[1].Start);
    }
}
