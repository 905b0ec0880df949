using System.Collections.Frozen;
using Mallard.Engine;
using Mallard.Engine.Sql;
using Mallard.Repl.Rendering;

namespace Mallard.Repl.Editing;

/// <summary>Colours for the input being typed: SQL or C# tokens, magic lines and dot-commands.</summary>
internal static class Highlighter
{
    private static readonly FrozenSet<string> CSharpKeywords = FrozenSet.ToFrozenSet(
        """
        abstract as async await base bool break byte case catch char checked class const continue decimal default delegate do
        double else enum event explicit extern false finally fixed float for foreach goto if implicit in int interface internal
        is lock long namespace new null object operator out override params private protected public readonly record ref return
        sbyte sealed short sizeof static string struct switch this throw true try typeof uint ulong unchecked unsafe ushort using
        var virtual void volatile while when with yield
        """.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    /// <summary>The escape sequence to use before each character of <paramref name="text"/> (null: no colour).</summary>
    public static string?[] Styles(string text, CellLanguage language)
    {
        var styles = new string?[text.Length];
        var pos = 0;
        // Magic lines at the top (and the language they switch to).
        while (pos < text.Length)
        {
            var end = text.IndexOf('\n', pos);
            if (end < 0) end = text.Length;
            var line = text[pos..end].TrimStart();
            if (line.StartsWith("#!", StringComparison.Ordinal) || line.StartsWith("%%", StringComparison.Ordinal))
            {
                for (var i = pos; i < end; i++) styles[i] = TerminalText.Magenta;
                if (line.StartsWith("#!csharp", StringComparison.Ordinal)) language = CellLanguage.CSharp;
                else if (line.StartsWith("#!sql", StringComparison.Ordinal) || line.StartsWith("%%sql", StringComparison.Ordinal)) language = CellLanguage.Sql;
                pos = end + 1;
                continue;
            }
            if (pos == 0 && line.StartsWith('.'))
            {
                for (var i = 0; i < text.Length; i++) styles[i] = TerminalText.Yellow;
                return styles;
            }
            break;
        }
        if (pos >= text.Length) return styles;
        var body = text[pos..];
        if (language == CellLanguage.Sql) Sql(body, styles, pos);
        else CSharp(body, styles, pos);
        return styles;
    }

    // The keywords coloured as such; other words are names.
    private static readonly FrozenSet<string> Keywords = FrozenSet.ToFrozenSet(
        """
        ALL ALTER ANALYZE AND ANTI ANY AS ASC ASOF ATTACH BETWEEN BY CALL CASE CAST CHECKPOINT COLLATE COLUMN COMMIT
        CONSTRAINT COPY CREATE CROSS CUBE CURRENT DATABASE DEFAULT DELETE DESC DESCRIBE DETACH DISTINCT DO DROP ELSE END
        EXCEPT EXISTS EXPLAIN EXPORT FALSE FETCH FILTER FIRST FOLLOWING FOR FOREIGN FROM FULL FUNCTION GLOB GROUP GROUPING
        HAVING IF ILIKE IMPORT IN INDEX INNER INSERT INSTALL INTERSECT INTERVAL INTO IS JOIN KEY LAST LATERAL LEFT LIKE LIMIT
        LOAD MACRO MATERIALIZED NATURAL NOT NULL NULLS OFFSET ON OR ORDER OUTER OVER PARTITION PIVOT POSITIONAL PRAGMA
        PRECEDING PRIMARY QUALIFY RANGE RECURSIVE REFERENCES REPLACE RETURNING RIGHT ROLLBACK ROLLUP ROW ROWS SAMPLE SCHEMA
        SELECT SEMI SEQUENCE SET SETS SHOW SIMILAR SOME SUMMARIZE TABLE TEMP TEMPORARY THEN TO TRANSACTION TRUE TYPE UNBOUNDED
        UNION UNIQUE UNPIVOT UPDATE USE USING VACUUM VALUES VIEW WHEN WHERE WINDOW WITH WITHIN BEGIN
        """.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.OrdinalIgnoreCase);

    private static void Sql(string sql, string?[] styles, int offset)
    {
        foreach (var token in SqlLexer.Tokenize(sql, out _))
        {
            var style = token.Kind switch
            {
                SqlTokenKind.Word when Keywords.Contains(token.Text) => TerminalText.Bold + TerminalText.Blue,
                SqlTokenKind.String => TerminalText.Green,
                SqlTokenKind.Number => TerminalText.Cyan,
                SqlTokenKind.Comment => TerminalText.Grey,
                SqlTokenKind.Parameter => TerminalText.Magenta,
                _ => null,
            };
            for (var i = 0; i < token.Text.Length; i++) styles[offset + token.Start + i] = style;
        }
    }

    private static void CSharp(string code, string?[] styles, int offset)
    {
        var i = 0;
        while (i < code.Length)
        {
            var start = i;
            string? style = null;
            var c = code[i];
            if (c == '/' && i + 1 < code.Length && code[i + 1] == '/')
            {
                while (i < code.Length && code[i] != '\n') i++;
                style = TerminalText.Grey;
            }
            else if (c == '"' || ((c is '$' or '@') && i + 1 < code.Length && code[i + 1] == '"'))
            {
                var verbatim = c == '@';
                if (c != '"') i++;
                i++;
                while (i < code.Length && code[i] != '"' && (verbatim || code[i] != '\n'))
                {
                    if (code[i] == '\\' && !verbatim) i++;
                    i++;
                }
                i = Math.Min(i + 1, code.Length);
                style = TerminalText.Green;
            }
            else if (c == '\'')
            {
                i++;
                while (i < code.Length && code[i] != '\'' && code[i] != '\n')
                {
                    if (code[i] == '\\') i++;
                    i++;
                }
                i = Math.Min(i + 1, code.Length);
                style = TerminalText.Green;
            }
            else if (char.IsDigit(c))
            {
                while (i < code.Length && (char.IsLetterOrDigit(code[i]) || code[i] is '.' or '_')) i++;
                style = TerminalText.Cyan;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < code.Length && (char.IsLetterOrDigit(code[i]) || code[i] == '_')) i++;
                if (CSharpKeywords.Contains(code[start..i])) style = TerminalText.Bold + TerminalText.Blue;
            }
            else
            {
                i++;
            }
            for (var k = start; k < i; k++) styles[offset + k] = style;
        }
    }
}
