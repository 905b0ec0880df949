namespace Mallard.Engine.Sql;

/// <summary>
/// A small SQL lexer for what front ends and the engine must know without a database: which <c>$name</c> parameters
/// a cell uses (outside strings and comments), which bare names it refers to, where its statements end, whether the
/// input ends with ';', and what to colour. It follows DuckDB's lexical rules for strings ('..' with '' escapes,
/// E'..', $tag$..$tag$), quoted identifiers and comments; an unterminated string or comment runs to the end of the
/// text, so a ';' inside it never ends a statement.
/// </summary>
public static class SqlLexer
{
    /// <summary>Tokens of <paramref name="sql"/>; an unterminated string or comment runs to the end (flagged by <paramref name="unterminated"/>).</summary>
    public static List<SqlToken> Tokenize(string sql, out bool unterminated)
    {
        var tokens = new List<SqlToken>();
        unterminated = false;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            var start = i;
            if (c == '-' && At(sql, i + 1) == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end;
                tokens.Add(new(SqlTokenKind.Comment, start, sql[start..i]));
                continue;
            }
            if (c == '/' && At(sql, i + 1) == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0) unterminated = true;
                i = end < 0 ? sql.Length : end + 2;
                tokens.Add(new(SqlTokenKind.Comment, start, sql[start..i]));
                continue;
            }
            if (c == '\'' || ((c is 'E' or 'e') && At(sql, i + 1) == '\''))
            {
                var escapes = c != '\'';
                i = escapes ? i + 2 : i + 1;
                var closed = false;
                while (i < sql.Length)
                {
                    if (escapes && sql[i] == '\\')
                    {
                        i += 2;
                        continue;
                    }
                    if (sql[i] == '\'')
                    {
                        if (At(sql, i + 1) == '\'')
                        {
                            i += 2;
                            continue;
                        }
                        i++;
                        closed = true;
                        break;
                    }
                    i++;
                }
                i = Math.Min(i, sql.Length);
                if (!closed) unterminated = true;
                tokens.Add(new(SqlTokenKind.String, start, sql[start..i]));
                continue;
            }
            if (c == '"')
            {
                i++;
                var closed = false;
                while (i < sql.Length)
                {
                    if (sql[i] == '"')
                    {
                        if (At(sql, i + 1) == '"')
                        {
                            i += 2;
                            continue;
                        }
                        i++;
                        closed = true;
                        break;
                    }
                    i++;
                }
                if (!closed) unterminated = true;
                tokens.Add(new(SqlTokenKind.QuotedIdentifier, start, sql[start..i]));
                continue;
            }
            if (c == '$')
            {
                // $tag$ ... $tag$ (dollar quoting), $name or $1 (parameters).
                var j = i + 1;
                while (j < sql.Length && IsWordChar(sql[j])) j++;
                if (At(sql, j) == '$' && (j == i + 1 || !char.IsDigit(sql[i + 1])))
                {
                    var tag = sql[i..(j + 1)];
                    var end = sql.IndexOf(tag, j + 1, StringComparison.Ordinal);
                    if (end < 0) unterminated = true;
                    i = end < 0 ? sql.Length : end + tag.Length;
                    tokens.Add(new(SqlTokenKind.String, start, sql[start..i]));
                    continue;
                }
                if (j > i + 1)
                {
                    i = j;
                    tokens.Add(new(SqlTokenKind.Parameter, start, sql[start..i]));
                    continue;
                }
                i++;
                tokens.Add(new(SqlTokenKind.Symbol, start, "$"));
                continue;
            }
            if (char.IsDigit(c) || (c == '.' && char.IsDigit(At(sql, i + 1))))
            {
                // Digits, '.', '_' and letters (1e5, 0x1F); a sign right after the exponent's 'e' belongs to the number.
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '.' or '_'
                    || (sql[i] is '+' or '-' && sql[i - 1] is 'e' or 'E' && char.IsDigit(At(sql, i + 1)) && IsDecimal(sql, start, i - 1)))) i++;
                tokens.Add(new(SqlTokenKind.Number, start, sql[start..i]));
                continue;
            }
            if (IsWordStart(c))
            {
                while (i < sql.Length && IsWordChar(sql[i])) i++;
                tokens.Add(new(SqlTokenKind.Word, start, sql[start..i]));
                continue;
            }
            i++;
            tokens.Add(new(SqlTokenKind.Symbol, start, c.ToString()));
        }
        return tokens;
    }

    /// <summary>The distinct <c>$name</c> parameters (without '$'), in order of first use; positional ones (<c>$1</c>) are left out.</summary>
    public static IReadOnlyList<(string Name, int Position)> NamedParameters(IReadOnlyList<SqlToken> tokens)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<(string, int)>();
        foreach (var token in tokens)
        {
            if (token.Kind != SqlTokenKind.Parameter || char.IsDigit(token.Text[1])) continue;
            var name = token.Text[1..];
            if (seen.Add(name)) result.Add((name, token.Start));
        }
        return result;
    }

    /// <summary>Bare names not qualified by a preceding '.' or followed by '(' (candidates for frames registered as tables).</summary>
    public static IReadOnlySet<string> UnqualifiedNames(IReadOnlyList<SqlToken> all)
    {
        var tokens = all.Where(t => t.Kind != SqlTokenKind.Comment).ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind is not (SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier)) continue;
            if (i > 0 && tokens[i - 1] is { Kind: SqlTokenKind.Symbol, Text: "." }) continue;
            if (i + 1 < tokens.Count && tokens[i + 1] is { Kind: SqlTokenKind.Symbol, Text: "(" or "." }) continue;
            names.Add(t.Kind == SqlTokenKind.Word ? t.Text : t.Text.Trim('"').Replace("\"\"", "\"", StringComparison.Ordinal));
        }
        return names;
    }

    /// <summary>True when the last token other than comments is ';' and no string or comment is left open.</summary>
    public static bool EndsWithTerminator(string sql)
    {
        var tokens = Tokenize(sql, out var unterminated);
        if (unterminated) return false;
        for (var i = tokens.Count - 1; i >= 0; i--)
        {
            if (tokens[i].Kind == SqlTokenKind.Comment) continue;
            return tokens[i] is { Kind: SqlTokenKind.Symbol, Text: ";" };
        }
        return false;
    }

    /// <summary>
    /// The statements of a script, each with its terminating ';' and the offset where it starts. Leading blank text is
    /// skipped, and a piece with nothing but comments is no statement.
    /// </summary>
    public static List<(string Text, int Start)> Split(string sql)
    {
        var statements = new List<(string, int)>();
        var start = 0;
        var hasContent = false;
        foreach (var token in Tokenize(sql, out _))
        {
            if (token is { Kind: SqlTokenKind.Symbol, Text: ";" })
            {
                if (hasContent) statements.Add(Piece(sql, start, token.End));
                start = token.End;
                hasContent = false;
            }
            else if (token.Kind != SqlTokenKind.Comment)
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

    /// <summary>True when <paramref name="sql"/> has anything other than whitespace, comments and ';'.</summary>
    public static bool HasStatements(string sql) => HasStatements(Tokenize(sql, out _));

    /// <summary><see cref="HasStatements(string)"/> over tokens already read.</summary>
    public static bool HasStatements(IReadOnlyList<SqlToken> tokens) =>
        tokens.Any(t => t.Kind != SqlTokenKind.Comment && !(t.Kind == SqlTokenKind.Symbol && t.Text == ";"));

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    // True when sql[start..end] (a number's text before its exponent 'e') is digits, '.' and '_' only.
    private static bool IsDecimal(string sql, int start, int end)
    {
        for (var k = start; k < end; k++)
        {
            if (!(char.IsDigit(sql[k]) || sql[k] is '.' or '_')) return false;
        }
        return true;
    }

    private static bool IsWordStart(char c) => char.IsLetter(c) || c == '_' || c > 127;

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c > 127;
}
