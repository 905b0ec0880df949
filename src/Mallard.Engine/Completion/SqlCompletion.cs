using Mallard.Data;
using Mallard.Engine.Connections;
using Mallard.Engine.Sql;

namespace Mallard.Engine.Completion;

/// <summary>
/// SQL completion on a DuckDB connection: the names of the statement's own objects first, then DuckDB's own autocomplete
/// (<c>sql_auto_complete</c>) for keywords and functions.
/// <list type="bullet">
/// <item>After <c>FROM</c>, <c>JOIN</c> and the like: tables and views, named as they must be written from the current
/// schema (<c>gold.gld_customer_analytics</c> where the current schema is <c>main</c>), and frames the session can read
/// as tables; a schema's name as typed finds its tables too.</item>
/// <item>After <c>schema.</c>: that schema's tables, replacing only what follows the dot; after <c>alias.</c> or
/// <c>table.</c>: the columns of the table the statement names so (before or after the cursor).</item>
/// <item>Elsewhere: the columns of the statement's tables, then what DuckDB offers.</item>
/// </list>
/// </summary>
internal static class SqlCompletion
{
    private const int MaxItems = 200;

    /// <summary>Words after which a table's name comes.</summary>
    private static readonly HashSet<string> TableKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "FROM", "JOIN", "INTO", "UPDATE", "TABLE", "DESCRIBE", "SUMMARIZE", "PIVOT", "UNPIVOT",
    };

    /// <summary>Words that end a table reference (so they are no alias).</summary>
    private static readonly HashSet<string> ClauseWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "WHERE", "JOIN", "ON", "USING", "LEFT", "RIGHT", "INNER", "OUTER", "FULL", "CROSS", "NATURAL", "SEMI", "ANTI", "ASOF",
        "POSITIONAL", "LATERAL", "GROUP", "ORDER", "LIMIT", "OFFSET", "HAVING", "QUALIFY", "WINDOW", "UNION", "EXCEPT",
        "INTERSECT", "SELECT", "FROM", "SET", "VALUES", "RETURNING", "SAMPLE", "TABLESAMPLE", "AS",
    };

    public static CompletionResult Complete(string code, int position, CellRegion region, SessionConnection? connection, IReadOnlyCollection<string> frames)
    {
        var side = connection?.SideConnection;
        if (side is null) return CompletionResult.None(position);
        var (statementStart, statementEnd) = Statement(code, region, position);
        var before = code[statementStart..position];
        var statement = code[statementStart..statementEnd];

        // The name being typed: a partial word, after any "a." or "a.b." qualifier.
        var wordStart = position;
        while (wordStart > statementStart && IsWordChar(code[wordStart - 1])) wordStart--;
        var partial = code[wordStart..position];
        var qualifier = Qualifier(code, statementStart, wordStart);

        var catalog = Catalog.Read(side);
        var items = new List<CompletionItem>();
        if (qualifier.Count > 0)
        {
            items.AddRange(QualifiedNames(catalog, qualifier, statement, position - statementStart, partial));
            return items.Count > 0 ? new CompletionResult(wordStart, position, items) : CompletionResult.None(position);
        }
        // DuckDB's own suggestions follow: keywords and functions, and names where Mallard has none of its own. Its table
        // names are left out (unqualified, a table outside the current schema would not be found), and so are its columns
        // where the statement names its tables.
        var skip = new HashSet<string>(StringComparer.Ordinal) { "table", "view" };
        if (AfterTableKeyword(before, wordStart - statementStart))
        {
            items.AddRange(Tables(catalog, frames, partial));
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (table, _) in TableReferences(statement))
            {
                if (catalog.Resolve(table) is not { } found) continue;
                skip.Add("column");
                foreach (var column in catalog.ColumnsOf(found))
                    if (Matches(column.Name, partial) && seen.Add(column.Name)) items.Add(new CompletionItem(column.Name, "column", $"{found.Name} · {column.Type}"));
            }
            if (!skip.Contains("column")) skip.Remove("table");
        }
        var known = items.Select(i => i.Text).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var item in DuckDbSuggestions(side, code[region.Start..position], region.Start, wordStart))
        {
            if (items.Count >= MaxItems) break;
            // DuckDB's suggestions are fuzzy ("dec" for "gld_cu"); only those that begin with what was typed are offered.
            if (!skip.Contains(item.Kind) && Matches(item.Text, partial) && known.Add(item.Text)) items.Add(item);
        }
        return items.Count > 0 ? new CompletionResult(wordStart, position, items) : CompletionResult.None(position);
    }

    /// <summary>The (possibly dotted) name around <paramref name="position"/>.</summary>
    public static string WordAt(string code, int position)
    {
        var start = position;
        while (start > 0 && (IsWordChar(code[start - 1]) || code[start - 1] == '.')) start--;
        var end = position;
        while (end < code.Length && IsWordChar(code[end])) end++;
        return code[start..end].Trim('.');
    }

    /// <summary>The statement the cursor is in: from after the last ';' before it to the next ';' (or the region's end).</summary>
    private static (int Start, int End) Statement(string code, CellRegion region, int position)
    {
        var text = code[region.Start..region.End];
        var tokens = SqlLexer.Tokenize(text, out _);
        var start = region.Start;
        var end = region.End;
        foreach (var token in tokens)
        {
            if (token.Kind != SqlTokenKind.Symbol || token.Text != ";") continue;
            var at = region.Start + token.Start;
            if (at < position) start = at + 1;
            else
            {
                end = at;
                break;
            }
        }
        return (start, end);
    }

    /// <summary>The names before the word being typed, as in <c>db.schema.</c> or <c>alias.</c>; empty when there is no dot.</summary>
    private static List<string> Qualifier(string code, int statementStart, int wordStart)
    {
        var parts = new List<string>();
        var at = wordStart;
        while (at > statementStart && code[at - 1] == '.')
        {
            var end = at - 1;
            var start = end;
            if (start > statementStart && code[start - 1] == '"')
            {
                var open = code.LastIndexOf('"', start - 2 < statementStart ? statementStart : start - 2);
                if (open < statementStart) break;
                parts.Insert(0, code[(open + 1)..(start - 1)]);
                at = open;
                continue;
            }
            while (start > statementStart && IsWordChar(code[start - 1])) start--;
            if (start == end) break;
            parts.Insert(0, code[start..end]);
            at = start;
        }
        return parts;
    }

    /// <summary>True when the last word before the name being typed asks for a table (FROM, JOIN, ...), or a comma in a FROM list.</summary>
    private static bool AfterTableKeyword(string before, int wordOffset)
    {
        var tokens = SqlLexer.Tokenize(before[..wordOffset], out var unterminated);
        if (unterminated) return false;
        var significant = tokens.Where(t => t.Kind != SqlTokenKind.Comment).ToList();
        if (significant.Count == 0) return false;
        var last = significant[^1];
        if (last.Kind == SqlTokenKind.Word && TableKeywords.Contains(last.Text)) return true;
        if (last.Kind != SqlTokenKind.Symbol || last.Text != ",") return false;
        // A comma: in a FROM list when the nearest clause word before it, at this nesting depth, is FROM.
        var depth = 0;
        for (var i = significant.Count - 2; i >= 0; i--)
        {
            var token = significant[i];
            if (token.Kind == SqlTokenKind.Symbol && token.Text == ")") depth++;
            else if (token.Kind == SqlTokenKind.Symbol && token.Text == "(")
            {
                if (depth == 0) return false;
                depth--;
            }
            else if (depth == 0 && token.Kind == SqlTokenKind.Word && (ClauseWords.Contains(token.Text) || TableKeywords.Contains(token.Text)))
                return string.Equals(token.Text, "FROM", StringComparison.OrdinalIgnoreCase) || string.Equals(token.Text, "JOIN", StringComparison.OrdinalIgnoreCase);
        }
        return false;
    }

    /// <summary>Tables and views as they must be written from the current schema, and frames the session reads as tables.</summary>
    private static IEnumerable<CompletionItem> Tables(Catalog catalog, IReadOnlyCollection<string> frames, string partial)
    {
        var results = new List<CompletionItem>();
        foreach (var table in catalog.Tables)
        {
            var written = catalog.Written(table);
            // "gld_cu" finds gold.gld_customer_analytics, and "gol" finds every table of gold.
            if (!Matches(table.Name, partial) && !Matches(written, partial)) continue;
            results.Add(new CompletionItem(written, table.Kind, $"{table.Kind} in {table.Database}.{table.Schema}"));
        }
        foreach (var frame in frames)
            if (Matches(frame, partial)) results.Add(new CompletionItem(frame, "frame", "a frame of this session"));
        // Tables of the current schema first, then by name.
        return results.OrderBy(r => r.Text.Contains('.', StringComparison.Ordinal)).ThenBy(r => r.Text, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>After <c>a.</c>: a schema's tables (or a database's schemas), or the columns of the table <c>a</c> names in the statement.</summary>
    private static IEnumerable<CompletionItem> QualifiedNames(Catalog catalog, List<string> qualifier, string statement, int cursor, string partial)
    {
        var results = new List<CompletionItem>();
        if (qualifier.Count == 1)
        {
            // An alias or a table the statement names, before or after the cursor.
            var named = TableReferences(statement, cursor).FirstOrDefault(r =>
                string.Equals(r.Alias, qualifier[0], StringComparison.OrdinalIgnoreCase)
                || (r.Alias is null && string.Equals(r.Table[^1], qualifier[0], StringComparison.OrdinalIgnoreCase)));
            if (named.Table is not null && catalog.Resolve(named.Table) is { } table)
            {
                foreach (var column in catalog.ColumnsOf(table))
                    if (Matches(column.Name, partial)) results.Add(new CompletionItem(column.Name, "column", $"{table.Name} · {column.Type}"));
                return results;
            }
            // A schema of the current database, or a database's schemas.
            foreach (var t in catalog.Tables.Where(t => t.Database == catalog.CurrentDatabase && string.Equals(t.Schema, qualifier[0], StringComparison.OrdinalIgnoreCase)))
                if (Matches(t.Name, partial)) results.Add(new CompletionItem(t.Name, t.Kind, $"{t.Kind} in {t.Schema}"));
            foreach (var schema in catalog.Tables.Where(t => string.Equals(t.Database, qualifier[0], StringComparison.OrdinalIgnoreCase)).Select(t => t.Schema).Distinct(StringComparer.Ordinal))
                if (Matches(schema, partial)) results.Add(new CompletionItem(schema, "schema", $"schema in {qualifier[0]}"));
            if (results.Count == 0)
            {
                // A table the statement does not name yet: its columns, if the name is a table's.
                if (catalog.Resolve([qualifier[0]]) is { } unnamed)
                    foreach (var column in catalog.ColumnsOf(unnamed))
                        if (Matches(column.Name, partial)) results.Add(new CompletionItem(column.Name, "column", $"{unnamed.Name} · {column.Type}"));
            }
        }
        else if (qualifier.Count == 2)
        {
            foreach (var t in catalog.Tables.Where(t => string.Equals(t.Database, qualifier[0], StringComparison.OrdinalIgnoreCase) && string.Equals(t.Schema, qualifier[1], StringComparison.OrdinalIgnoreCase)))
                if (Matches(t.Name, partial)) results.Add(new CompletionItem(t.Name, t.Kind, $"{t.Kind} in {t.Database}.{t.Schema}"));
            if (results.Count == 0 && catalog.Resolve([.. qualifier]) is { } table)
                foreach (var column in catalog.ColumnsOf(table))
                    if (Matches(column.Name, partial)) results.Add(new CompletionItem(column.Name, "column", $"{table.Name} · {column.Type}"));
        }
        return results.OrderBy(r => r.Kind == "column" ? 0 : 1);
    }

    /// <summary>
    /// The tables a statement names after FROM or JOIN (and in comma lists after FROM), with their aliases; the name being
    /// typed at <paramref name="cursor"/>, if any, is left out.
    /// </summary>
    private static IEnumerable<(string[] Table, string? Alias)> TableReferences(string statement, int cursor = -1)
    {
        var tokens = SqlLexer.Tokenize(statement, out _).Where(t => t.Kind != SqlTokenKind.Comment).ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != SqlTokenKind.Word || !(string.Equals(tokens[i].Text, "FROM", StringComparison.OrdinalIgnoreCase) || string.Equals(tokens[i].Text, "JOIN", StringComparison.OrdinalIgnoreCase)))
                continue;
            var at = i + 1;
            while (true)
            {
                if (ReadName(tokens, ref at) is not { } name) break;
                // A table function (read_csv(...)) is no table.
                if (at < tokens.Count && tokens[at].Text == "(") break;
                string? alias = null;
                if (at < tokens.Count && tokens[at].Kind == SqlTokenKind.Word && string.Equals(tokens[at].Text, "AS", StringComparison.OrdinalIgnoreCase)) at++;
                if (at < tokens.Count && tokens[at].Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier && !ClauseWords.Contains(tokens[at].Text))
                {
                    alias = Unquote(tokens[at]);
                    at++;
                }
                if (!(cursor >= 0 && name.Start <= cursor && cursor <= name.End)) yield return (name.Parts, alias);
                if (at < tokens.Count && tokens[at].Text == ",") at++;
                else break;
            }
        }
    }

    private static (string[] Parts, int Start, int End)? ReadName(List<SqlToken> tokens, ref int at)
    {
        if (at >= tokens.Count || tokens[at].Kind is not (SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier) || ClauseWords.Contains(tokens[at].Text)) return null;
        var parts = new List<string> { Unquote(tokens[at]) };
        var start = tokens[at].Start;
        var end = tokens[at].End;
        at++;
        while (at + 1 < tokens.Count && tokens[at].Text == "." && tokens[at + 1].Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier)
        {
            parts.Add(Unquote(tokens[at + 1]));
            end = tokens[at + 1].End;
            at += 2;
        }
        return ([.. parts], start, end);
    }

    private static string Unquote(SqlToken token) =>
        token.Kind == SqlTokenKind.QuotedIdentifier ? token.Text.Trim('"').Replace("\"\"", "\"", StringComparison.Ordinal) : token.Text;

    /// <summary>DuckDB's autocomplete for the same word: keywords, functions and names, without punctuation.</summary>
    private static IEnumerable<CompletionItem> DuckDbSuggestions(Mallard.DuckDb.DuckDbConnection side, string text, int regionStart, int wordStart)
    {
        var frame = side.Query(
            "SELECT suggestion, suggestion_start, suggestion_type FROM sql_auto_complete(" + SqlText.Literal(text) + ") LIMIT "
            + MaxItems.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var suggestions = frame.GetColumn<StringColumn>("suggestion");
        var starts = frame["suggestion_start"];
        var types = frame.GetColumn<StringColumn>("suggestion_type");
        for (var i = 0; i < frame.RowCount; i++)
        {
            var suggestion = suggestions[i]?.TrimEnd();
            if (string.IsNullOrEmpty(suggestion) || !IsWordChar(suggestion[0])) continue;
            // Only suggestions that replace the same word as the others do.
            if (regionStart + Convert.ToInt32(starts.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) != wordStart) continue;
            yield return new CompletionItem(suggestion, types[i] ?? "keyword");
        }
    }

    private static bool Matches(string name, string partial) => name.StartsWith(partial, StringComparison.OrdinalIgnoreCase);

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private sealed record Table(string Database, string Schema, string Name, string Kind);

    private sealed record Column(string Name, string Type);

    /// <summary>What the connection's catalog holds, read once per completion.</summary>
    private sealed class Catalog
    {
        private readonly Mallard.DuckDb.DuckDbConnection _connection;

        private Catalog(Mallard.DuckDb.DuckDbConnection connection, List<Table> tables, string database, string schema)
        {
            _connection = connection;
            Tables = tables;
            CurrentDatabase = database;
            CurrentSchema = schema;
        }

        public List<Table> Tables { get; }

        public string CurrentDatabase { get; }

        public string CurrentSchema { get; }

        public static Catalog Read(Mallard.DuckDb.DuckDbConnection connection)
        {
            var current = connection.Query("SELECT current_database() AS d, current_schema() AS s");
            var database = (string)current.Columns[0].GetValue(0)!;
            var schema = (string)current.Columns[1].GetValue(0)!;
            var frame = connection.Query(
                "SELECT database_name, schema_name, table_name, 'table' AS kind FROM duckdb_tables() WHERE NOT internal "
                + "UNION ALL SELECT database_name, schema_name, view_name, 'view' FROM duckdb_views() WHERE NOT internal "
                + "ORDER BY 1, 2, 3");
            var tables = new List<Table>(frame.RowCount);
            for (var i = 0; i < frame.RowCount; i++)
                tables.Add(new Table((string)frame.Columns[0].GetValue(i)!, (string)frame.Columns[1].GetValue(i)!, (string)frame.Columns[2].GetValue(i)!, (string)frame.Columns[3].GetValue(i)!));
            return new Catalog(connection, tables, database, schema);
        }

        /// <summary>The table a name of one to three parts means from the current schema, if any.</summary>
        public Table? Resolve(string[] name) => name.Length switch
        {
            1 => Tables.FirstOrDefault(t => t.Database == CurrentDatabase && t.Schema == CurrentSchema && Same(t.Name, name[0]))
                 ?? Tables.FirstOrDefault(t => t.Database == CurrentDatabase && Same(t.Name, name[0])),
            2 => Tables.FirstOrDefault(t => t.Database == CurrentDatabase && Same(t.Schema, name[0]) && Same(t.Name, name[1]))
                 ?? Tables.FirstOrDefault(t => Same(t.Database, name[0]) && t.Schema == "main" && Same(t.Name, name[1])),
            3 => Tables.FirstOrDefault(t => Same(t.Database, name[0]) && Same(t.Schema, name[1]) && Same(t.Name, name[2])),
            _ => null,
        };

        /// <summary>How a table is written from the current schema: its name alone there, else qualified as far as needed.</summary>
        public string Written(Table table) =>
            table.Database == CurrentDatabase
                ? table.Schema == CurrentSchema ? SqlText.Name(table.Name) : SqlText.Name(table.Schema) + "." + SqlText.Name(table.Name)
                : SqlText.Name(table.Database) + "." + SqlText.Name(table.Schema) + "." + SqlText.Name(table.Name);

        public List<Column> ColumnsOf(Table table)
        {
            var frame = _connection.Query(
                "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = $d AND schema_name = $s AND table_name = $t ORDER BY column_index",
                new Dictionary<string, object?> { ["d"] = table.Database, ["s"] = table.Schema, ["t"] = table.Name });
            var columns = new List<Column>(frame.RowCount);
            for (var i = 0; i < frame.RowCount; i++) columns.Add(new Column((string)frame.Columns[0].GetValue(i)!, (string)frame.Columns[1].GetValue(i)!));
            return columns;
        }

        private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
