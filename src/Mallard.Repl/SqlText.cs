using System.Collections.Frozen;

namespace Mallard.Repl;

/// <summary>
/// A small SQL tokenizer: strings ('...' and E'...'), quoted names, <c>$$</c> and <c>$tag$</c> strings, comments,
/// numbers, <c>$name</c> parameters and keywords. Unterminated strings and comments run to the end of the text,
/// so a ';' inside them never ends a statement.
/// </summary>
internal static class SqlText
{
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

    /// <summary>True when <paramref name="word"/> is a SQL keyword this tokenizer highlights.</summary>
    public static bool IsKeyword(string word) => Keywords.Contains(word);

    /// <summary>The tokens of <paramref name="sql"/>, covering every character in order.</summary>
    public static List<SqlToken> Tokenize(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var start = i;
            var c = sql[i];
            SqlTokenKind kind;
            if (char.IsWhiteSpace(c))
            {
                while (i < sql.Length && char.IsWhiteSpace(sql[i])) i++;
                kind = SqlTokenKind.Whitespace;
            }
            else if (c == '-' && At(sql, i + 1) == '-')
            {
                while (i < sql.Length && sql[i] != '\n') i++;
                kind = SqlTokenKind.Comment;
            }
            else if (c == '/' && At(sql, i + 1) == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
                kind = SqlTokenKind.Comment;
            }
            else if (c == '\'' || ((c is 'e' or 'E') && At(sql, i + 1) == '\''))
            {
                if (c != '\'') i++;
                i = Quoted(sql, i, '\'');
                kind = SqlTokenKind.String;
            }
            else if (c == '"')
            {
                i = Quoted(sql, i, '"');
                kind = SqlTokenKind.QuotedName;
            }
            else if (c == '$' && DollarTag(sql, i) is { } tag)
            {
                var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + tag.Length;
                kind = SqlTokenKind.String;
            }
            else if (c == '$' && i + 1 < sql.Length && (char.IsLetter(sql[i + 1]) || sql[i + 1] == '_'))
            {
                i++;
                while (i < sql.Length && IsWordChar(sql[i])) i++;
                kind = SqlTokenKind.Parameter;
            }
            else if (char.IsDigit(c) || (c == '.' && char.IsDigit(At(sql, i + 1))))
            {
                while (i < sql.Length && (char.IsDigit(sql[i]) || sql[i] is '.' or '_' or 'e' or 'E'
                    || (sql[i] is '+' or '-' && sql[i - 1] is 'e' or 'E'))) i++;
                kind = SqlTokenKind.Number;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < sql.Length && IsWordChar(sql[i])) i++;
                kind = Keywords.Contains(sql[start..i]) ? SqlTokenKind.Keyword : SqlTokenKind.Word;
            }
            else if (c == ';')
            {
                i++;
                kind = SqlTokenKind.Semicolon;
            }
            else
            {
                i++;
                kind = SqlTokenKind.Other;
            }
            tokens.Add(new SqlToken(kind, start, i - start));
        }
        return tokens;
    }

    /// <summary>
    /// The statements of a script, each with its terminating ';' and the offset where it starts (leading blank
    /// text and comments-only pieces are skipped).
    /// </summary>
    public static List<(string Text, int Start)> Split(string sql)
    {
        var statements = new List<(string, int)>();
        var start = 0;
        var hasContent = false;
        foreach (var token in Tokenize(sql))
        {
            if (token.Kind == SqlTokenKind.Semicolon)
            {
                if (hasContent) statements.Add(Piece(sql, start, token.Start + 1));
                start = token.Start + 1;
                hasContent = false;
            }
            else if (token.Kind is not (SqlTokenKind.Whitespace or SqlTokenKind.Comment))
            {
                hasContent = true;
            }
        }
        if (hasContent) statements.Add(Piece(sql, start, sql.Length));
        return statements;
    }

    private static (string, int) Piece(string sql, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(sql[start])) start++;
        return (sql[start..end].TrimEnd(), start);
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static int Quoted(string sql, int i, char quote)
    {
        i++;
        while (i < sql.Length)
        {
            if (sql[i] == quote)
            {
                if (At(sql, i + 1) == quote)
                {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.Length;
    }

    private static string? DollarTag(string sql, int i)
    {
        var j = i + 1;
        while (j < sql.Length && IsWordChar(sql[j]) && !char.IsDigit(sql[i + 1])) j++;
        return j < sql.Length && sql[j] == '$' ? sql[i..(j + 1)] : null;
    }
}
