using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mallard.Notebooks.Tests;

public sealed class ParameterLiteralTests
{
    [Theory]
    [InlineData("US")]
    [InlineData("say \"hi\" \\ back")]
    [InlineData("line\nbreak\r\ttab\0nul")]
    [InlineData("separators \u2028 \u2029 \u0085 and \u0001")]
    [InlineData("\"); System.Environment.Exit(1); //")]
    public void A_string_value_becomes_one_literal_on_one_line_that_reads_back_as_itself(string value)
    {
        var literal = NotebookParameters.StringLiteral(value);

        Assert.DoesNotContain('\n', literal);
        Assert.DoesNotContain('\u2028', literal);
        Assert.DoesNotContain('\u0085', literal);
        var parsed = Assert.IsType<LiteralExpressionSyntax>(SyntaxFactory.ParseExpression(literal));
        Assert.Empty(parsed.GetDiagnostics());
        Assert.Equal(value, parsed.Token.ValueText);
    }
}
