namespace Mallard.Data;

/// <summary>Text spliced into SQL where a value cannot be bound: string literals and quoted identifiers.</summary>
public static class SqlText
{
    /// <summary><paramref name="text"/> as a SQL string literal: single-quoted, its quotes doubled.</summary>
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary><paramref name="name"/> as a quoted SQL identifier: double-quoted, its double quotes doubled.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary><paramref name="name"/> as SQL writes it: bare when it is a plain identifier (ASCII letters, digits, '_'), else quoted.</summary>
    public static string Name(string name)
    {
        var plain = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        return plain ? name : Identifier(name);
    }
}
