using System.Globalization;
using System.Text;
using Mallard.Data;
using Mallard.Engine;
using Mallard.Engine.Sql;
using Mallard.Repl.Rendering;

namespace Mallard.Repl;

public sealed partial class Repl
{
    private static readonly (string Name, string Usage, string Help)[] DotCommands =
    [
        (".help", ".help", "this list (#!help lists the magics)"),
        (".mode", ".mode table|box|csv|json|markdown|line", "how results print (table and box are bounded by .maxrows; the others print every row)"),
        (".output", ".output [FILE]", "send results to FILE until the next .output; without FILE, back to the screen"),
        (".once", ".once FILE", "send the next command's results to FILE"),
        (".timer", ".timer on|off", "print how long each command ran"),
        (".pager", ".pager on|off|COMMAND", "show results larger than the screen whole, every column, in a pager ($PAGER, else less -SR)"),
        (".maxrows", ".maxrows N", "rows a table shows (0: every row)"),
        (".last", ".last", "show the last result again, in the mode, width and pager as they are now (nothing runs again)"),
        (".export", ".export FILE", "write the last query's whole result to FILE: .csv, .parquet, .json (an array) or .ndjson"),
        (".tables", ".tables", "list the tables and views of the current connection"),
        (".schema", ".schema [NAME]", "the CREATE statements of the tables, views and indexes like NAME (% and _), or of all"),
        (".open", ".open [--read-only] PATH", "open a DuckDB file (or :memory:) as the current connection"),
        (".read", ".read FILE", "run the commands in FILE, stopping at the first error"),
        (".quit", ".quit", "leave the REPL (also .exit, or Ctrl-D)"),
    ];

    private async Task<bool> DotCommandAsync(string line, string source, int lineNumber)
    {
        List<string> args;
        try
        {
            args = SplitArguments(line);
        }
        catch (FormatException e)
        {
            return Fail(e.Message);
        }
        var name = args[0].ToLowerInvariant();
        var rest = args.Skip(1).ToList();
        switch (name)
        {
            case ".help":
                var sb = new StringBuilder();
                foreach (var (_, usage, help) in DotCommands) sb.Append(usage.PadRight(38)).Append(help).Append('\n');
                sb.Append("#!csharp / #!sql alone on a line switch the language; every engine magic works (#!help lists them).\n");
                sb.Append("Keys: Enter runs complete input, Tab completes, Up/Down and Ctrl-R search history, Ctrl-C interrupts, Ctrl-D quits.\n");
                _console.Info(sb.ToString());
                return true;
            case ".quit" or ".exit":
                _quit = true;
                return true;
            case ".mode":
                if (rest.Count == 0)
                {
                    _console.Info($"mode: {_settings.Mode.ToString().ToLowerInvariant()}\n");
                    return true;
                }
                if (rest.Count > 1 || !Enum.TryParse<OutputMode>(rest[0], ignoreCase: true, out var mode) || !Enum.IsDefined(mode) || char.IsDigit(rest[0][0]))
                    return Fail($".mode: unknown mode '{string.Join(' ', rest)}'; use table, box, csv, json, markdown or line.");
                _settings.Mode = mode;
                return true;
            case ".output" or ".once":
                if (rest.Count > 1) return Fail($"{name}: give one file name (quote it if it has spaces).");
                if (rest.Count == 0)
                {
                    if (name == ".once") return Fail(".once: give the file to write the next command's results to.");
                    _console.RedirectResults(null, once: false);
                    return true;
                }
                var path = Path.GetFullPath(Path.Combine(_session.WorkingDirectory, rest[0]));
                try
                {
                    _console.RedirectResults(path, once: name == ".once");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return Fail($"{name}: cannot write {path}: {e.Message}");
                }
                return true;
            case ".timer":
                if (rest.Count != 1 || rest[0].ToLowerInvariant() is not ("on" or "off")) return Fail(".timer: use .timer on or .timer off.");
                _settings.Timer = rest[0].Equals("on", StringComparison.OrdinalIgnoreCase);
                return true;
            case ".pager":
                if (rest.Count == 0)
                {
                    _console.Info($"pager: {_settings.Pager ?? "off"}\n");
                    return true;
                }
                var pagerText = string.Join(' ', rest);
                _settings.Pager = pagerText.ToLowerInvariant() switch
                {
                    "off" => null,
                    "on" => Environment.GetEnvironmentVariable("PAGER") is { Length: > 0 } configured ? configured : "less -SR",
                    _ => pagerText,
                };
                return true;
            case ".maxrows":
                if (rest.Count != 1 || !int.TryParse(rest[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rows))
                    return Fail($".maxrows: give a number of rows, 0 or more (0 shows every row), not '{string.Join(' ', rest)}'.");
                _settings.MaxRows = rows;
                return true;
            case ".last":
                if (rest.Count > 0) return Fail(".last takes no arguments.");
                if (_settings.Last is not { } last) return Fail(".last: no result has been shown yet.");
                new ReplOutput(_console, Interrupt, () => _settings.Pager).Result(_session.Formatter.Format(last));
                return true;
            case ".export":
                if (rest.Count != 1) return Fail(".export: give one file to write the last query's result to (.csv, .parquet, .json or .ndjson).");
                if (ExportFormat(rest[0]) is not { } format)
                    return Fail($".export: '{rest[0]}' ends in none of .csv, .parquet, .json and .ndjson, which say how to write it.");
                if (_lastQuery is null) return Fail(".export: no query has run yet; run the query, then .export its result.");
                // DuckDB writes the file itself from the query run again: every row, in the file's own format.
                var copy = "#!sql --quiet\nCOPY (" + _lastQuery.Trim().TrimEnd(';') + ") TO " + SqlText.Literal(rest[0]) + " (" + format + ")";
                if (!await RunCellAsync(copy, source, lineNumber).ConfigureAwait(false)) return false;
                _console.Info($"Wrote {Path.GetFullPath(rest[0])}.\n", TerminalText.Grey);
                return true;
            case ".tables":
                if (rest.Count > 0) return Fail(".tables takes no arguments.");
                return await RunCellAsync("#!tables", source, lineNumber).ConfigureAwait(false);
            case ".schema":
                // As the DuckDB command line's: the statements that create the objects (DESCRIBE or #!schema TABLE gives the columns).
                if (rest.Count > 1) return Fail(".schema: give at most one name (a LIKE pattern: % and _).");
                return await RunCellAsync("#!schema --ddl" + (rest.Count == 1 ? " " + Quote(rest[0]) : ""), source, lineNumber).ConfigureAwait(false);
            case ".open":
                var readOnly = rest.Remove("--read-only") || _options.ReadOnly;
                if (rest.Count != 1) return Fail(".open: give one database file (or :memory:).");
                return await RunCellAsync("#!connect duckdb " + Quote(rest[0]) + (readOnly ? " --read-only" : ""), source, lineNumber).ConfigureAwait(false);
            case ".read":
                if (rest.Count != 1) return Fail(".read: give one file to run.");
                var file = Path.GetFullPath(Path.Combine(_session.WorkingDirectory, rest[0]));
                string script;
                try
                {
                    script = await File.ReadAllTextAsync(file).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return Fail($".read: cannot read {file}: {e.Message}");
                }
                return await RunScriptAsync(script, Path.GetFileName(file)).ConfigureAwait(false);
            default:
                return Fail($"Unknown command '{args[0]}'. Commands: {string.Join(", ", DotCommands.Select(d => d.Name))}.");
        }

        bool Fail(string message)
        {
            var where = _console.Interactive && source == "input" ? "" : $"({source}, line {lineNumber}) ";
            _console.Error("Error: " + where + message + "\n");
            return false;
        }
    }

    /// <summary>COPY's options for a file, by its extension; null for an extension that names no format.</summary>
    private static string? ExportFormat(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => "FORMAT csv, HEADER true",
        ".parquet" => "FORMAT parquet",
        ".json" => "FORMAT json, ARRAY true",
        ".ndjson" or ".jsonl" => "FORMAT json",
        _ => null,
    };

    /// <summary>True for a statement that returns rows (what .export can write).</summary>
    private static bool IsQuery(string statement)
    {
        var tokens = SqlLexer.Tokenize(statement, out _);
        var first = tokens.FirstOrDefault(t => t.Kind != SqlTokenKind.Comment);
        return first.Kind == SqlTokenKind.Word && first.Text.ToUpperInvariant() is "SELECT" or "WITH" or "FROM" or "TABLE" or "VALUES"
            or "PIVOT" or "UNPIVOT" or "SUMMARIZE" or "DESCRIBE" or "SHOW";
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Splits a dot-command line into words; "double" or 'single' quotes keep spaces.</summary>
    internal static List<string> SplitArguments(string line)
    {
        var args = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
            if (i >= line.Length) break;
            var sb = new StringBuilder();
            if (line[i] is '"' or '\'')
            {
                var quote = line[i++];
                while (i < line.Length && line[i] != quote) sb.Append(line[i++]);
                if (i >= line.Length) throw new FormatException($"The quote {quote} opened in '{line}' is not closed.");
                i++;
            }
            else
            {
                while (i < line.Length && !char.IsWhiteSpace(line[i])) sb.Append(line[i++]);
            }
            args.Add(sb.ToString());
        }
        return args;
    }

    private static CompletionResult CompleteDotCommand(string text, int position)
    {
        var head = text[..position];
        var space = head.LastIndexOf(' ');
        if (space < 0)
        {
            var items = DotCommands.Select(d => d.Name).Append(".exit").Where(n => n.StartsWith(head, StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionItem(n, "command")).ToList();
            return new CompletionResult(0, position, items);
        }
        var word = head[(space + 1)..];
        var command = head[..head.IndexOf(' ', StringComparison.Ordinal)].ToLowerInvariant();
        string[] choices = command switch
        {
            ".mode" => ["table", "box", "csv", "json", "markdown", "line"],
            ".timer" => ["on", "off"],
            ".pager" => ["on", "off"],
            _ => [],
        };
        return new CompletionResult(space + 1, position,
            [.. choices.Where(c => c.StartsWith(word, StringComparison.OrdinalIgnoreCase)).Select(c => new CompletionItem(c, "keyword"))]);
    }
}
