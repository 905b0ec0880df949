using System.CommandLine;
using Mallard.Display;
using Mallard.DuckDb;
using Mallard.Engine;
using Mallard.Engine.Connections;
using Mallard.Engine.Sql;
using Mallard.Repl;
using Mallard.Repl.Rendering;

namespace Mallard.Cli;

/// <summary><c>mallard query</c>: runs SQL against a DuckDB database, through a SQL-only engine session, and prints the last statement's result.</summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var sql = new Argument<string?>("sql")
        {
            Description = "The SQL to run: one statement or a script (every statement runs; the last one's result is printed). Omit it, or give '-', to read the SQL from standard input.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var database = new Option<string>("--database", "-d")
        {
            Description = "The DuckDB database file, or :memory: for an in-memory database.",
            DefaultValueFactory = _ => DuckDbDatabaseOptions.InMemory,
        };
        var readOnly = new Option<bool>("--read-only") { Description = "Open the database read-only (the file must exist)." };
        var format = new Option<OutputMode>("--format", "-f")
        {
            Description = "How to print the result: table (aligned, with types and a row count), csv, json, markdown or line.",
            DefaultValueFactory = _ => OutputMode.Table,
        };
        var maxRows = new Option<int>("--max-rows")
        {
            Description = "Rows to show in table format (the rest are counted, not printed); 0 shows all.",
            DefaultValueFactory = _ => 40,
        };
        var command = new Command("query", "Run SQL against a DuckDB database and print the result.") { sql, database, readOnly, format, maxRows };
        command.SetAction(result => Run(
            result.GetValue(sql),
            result.GetValue(database)!,
            result.GetValue(readOnly),
            result.GetValue(format),
            result.GetValue(maxRows)));
        return command;
    }

    private static int Run(string? sql, string database, bool readOnly, OutputMode format, int maxRows)
    {
        if (sql is null or "-")
        {
            if (!Console.IsInputRedirected)
            {
                Console.Error.WriteLine("mallard query: give the SQL as an argument, or pipe it on standard input.");
                return 2;
            }
            sql = Console.In.ReadToEnd();
        }
        if (maxRows < 0)
        {
            Console.Error.WriteLine($"mallard query: --max-rows must be 0 or more, not {maxRows}.");
            return 2;
        }
        if (!SqlLexer.HasStatements(sql))
        {
            Console.Error.WriteLine("mallard query: the SQL text holds no statement.");
            return 1;
        }
        var inMemory = database is DuckDbDatabaseOptions.InMemory or "";
        var path = inMemory ? null : Path.GetFullPath(database);
        if (path is not null && readOnly && !File.Exists(path))
        {
            Console.Error.WriteLine($"mallard query: the database file {path} does not exist; --read-only opens an existing file only.");
            return 1;
        }
        // A session of SQL only, on this database: the engine runs the script as the REPL and the kernel would.
        using var session = new Session(new SessionOptions
        {
            DefaultLanguage = CellLanguage.Sql,
            WarehousePath = path,
            WarehouseReadOnly = readOnly,
            CreateWarehouse = true,
            ConnectionProviders = [DuckDbConnectionProvider.Instance],
            Formatters = [new TerminalFormatter(format, maxRows)],
        });
        // The first Ctrl-C interrupts the query; the process ends normally with the interruption reported.
        using (new CtrlC(session.Interrupt))
        {
            var outcome = session.ExecuteAsync(sql, new QueryOutput()).GetAwaiter().GetResult();
            switch (outcome.Status)
            {
                case CellStatus.Ok:
                    return 0;
                case CellStatus.Cancelled:
                    Console.Error.WriteLine("Interrupted.");
                    return 130;
                default:
                    Console.Error.WriteLine(string.Join("\n", outcome.Error!.Traceback));
                    return 1;
            }
        }
    }

    /// <summary>Prints results to standard output and what the session says to standard error.</summary>
    private sealed class QueryOutput : ICellOutput
    {
        public void Display(MimeBundle bundle, string? displayId = null) => Print(bundle);

        public void UpdateDisplay(MimeBundle bundle, string displayId) => Print(bundle);

        public void Result(MimeBundle bundle) => Print(bundle);

        public void Stream(OutputStreamKind stream, string text) => (stream == OutputStreamKind.Stderr ? Console.Error : Console.Out).Write(text);

        public void Progress(ProgressUpdate progress)
        {
        }

        public string? ReadLine(string prompt, bool password) => null;

        private static void Print(MimeBundle bundle)
        {
            var text = bundle[TerminalFormatter.MimeType] ?? bundle[MimeTypes.PlainText] ?? "";
            Console.Out.Write(text.EndsWith('\n') || text.Length == 0 ? text : text + "\n");
        }
    }
}
