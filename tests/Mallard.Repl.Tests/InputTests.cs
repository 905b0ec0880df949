using Mallard.Engine.Sql;
using Mallard.Repl.Editing;

namespace Mallard.Repl.Tests;

public sealed class InputTests
{
    [Fact]
    public void A_script_splits_at_semicolons_outside_strings_comments_and_dollar_quotes()
    {
        const string script = "SELECT 'a;b' AS s; -- c;d\nSELECT \"x;y\" FROM t /* ; */;\nSELECT $$e;f$$;\n\n  SELECT 4";
        var statements = SqlLexer.Split(script).Select(s => s.Text).ToList();
        Assert.Equal(["SELECT 'a;b' AS s;", "-- c;d\nSELECT \"x;y\" FROM t /* ; */;", "SELECT $$e;f$$;", "SELECT 4"], statements);
    }

    [Fact]
    public void Comments_and_blank_text_alone_are_no_statement()
    {
        Assert.Empty(SqlLexer.Split("-- nothing here;\n/* nor here */ ;  \n"));
    }

    [Fact]
    public void History_entries_with_line_breaks_and_backslashes_survive_the_file()
    {
        var path = Path.Combine(TestDirectories.Create("mallard-history-"), "history");
        var first = new History(path);
        first.Add("SELECT 1\nFROM t\\n;");
        first.Add("SELECT 2;");
        first.Add("SELECT 2;");
        var second = new History(path);
        Assert.Equal(["SELECT 1\nFROM t\\n;", "SELECT 2;"], second.Entries);
    }

    [Fact]
    public void Dot_command_arguments_keep_quoted_spaces_and_an_open_quote_is_an_error()
    {
        Assert.Equal([".output", "my results.csv"], Repl.SplitArguments(".output \"my results.csv\""));
        Assert.Throws<FormatException>(() => Repl.SplitArguments(".read 'unclosed"));
    }
}
