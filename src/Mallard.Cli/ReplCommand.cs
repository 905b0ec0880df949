using System.CommandLine;
using Mallard.Repl;

namespace Mallard.Cli;

/// <summary><c>mallard repl</c>: SQL and C# at a prompt over the warehouse or another DuckDB database.</summary>
internal static class ReplCommand
{
    public static Command Create()
    {
        var database = new Argument<string?>("database")
        {
            Description = "The DuckDB file to open, or :memory:. Default: the gold warehouse, read-only.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var readOnly = new Option<bool>("--read-only") { Description = "Open DATABASE read-only (the file must exist)." };
        var csharp = new Option<bool>("--csharp") { Description = "Start in C# mode instead of SQL." };
        var command = new Option<string?>("--command", "-c")
        {
            Description = "Run these commands (SQL, magics, dot-commands) and exit; non-zero at the first error.",
        };
        var mode = new Option<OutputMode>("--mode", "-m")
        {
            Description = "How results print: table, csv, json, markdown or line (.mode changes it).",
            DefaultValueFactory = _ => OutputMode.Table,
        };
        var maxRows = new Option<int>("--max-rows")
        {
            Description = "Rows a table shows (0: every row; .maxrows changes it).",
            DefaultValueFactory = _ => 40,
        };
        var repl = new Command("repl", "SQL and C# at a prompt: completion, history, tables, charts. Reads commands from standard input when it is not a terminal.")
        {
            database, readOnly, csharp, command, mode, maxRows,
        };
        repl.SetAction((result, _) => Repl.Repl.RunAsync(new ReplOptions
        {
            Database = result.GetValue(database),
            ReadOnly = result.GetValue(readOnly),
            CSharp = result.GetValue(csharp),
            Command = result.GetValue(command),
            Mode = result.GetValue(mode),
            MaxRows = result.GetValue(maxRows),
            Session = Hosting.Session(Directory.GetCurrentDirectory()),
        }));
        return repl;
    }
}
