namespace Mallard.Data;

/// <summary>Text spliced into SQL where a value cannot be bound: string literals and quoted identifiers.</summary>
public static class SqlText
{
    /// <summary><paramref name="text"/> as a SQL string literal: single-quoted, its quotes doubled.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary><paramref name="name"/> as a quoted SQL identifier: double-quoted, its double quotes doubled.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
