using System.CommandLine;
using Mallard.DuckDb;
using Mallard.Repl;
using Mallard.Repl.Rendering;

namespace Mallard.Cli;

/// <summary><c>mallard query</c>: runs SQL against a DuckDB database and prints the last statement's result.</summary>
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
        try
        {
            using var db = DuckDbDatabase.Open(new DuckDbDatabaseOptions { Path = database, ReadOnly = readOnly });
            using var connection = db.Connect();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                // The first Ctrl-C interrupts the query; the process ends normally with the interruption reported.
                e.Cancel = true;
                connection.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                var frame = connection.Query(sql);
                Console.Out.Write(frame.ColumnCount == 0 ? "OK\n" : ResultRenderer.Render(frame, format, maxRows, width: 0));
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
            return 0;
        }
        catch (DuckDbException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Interrupted.");
            return 130;
        }
        catch (Exception e) when (e is DuckDbLibraryException or NotSupportedException)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
