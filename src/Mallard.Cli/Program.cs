using System.CommandLine;

namespace Mallard.Cli;

/// <summary>The <c>mallard</c> command.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Mallard: C# and SQL notebooks, a REPL and reports for DuckDB warehouses.");
        root.Subcommands.Add(AnalysisCommand.Create());
        root.Subcommands.Add(KernelCommand.Create());
        root.Subcommands.Add(ConvertCommand.Create());
        root.Subcommands.Add(QueryCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ReplCommand.Create());
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(WarehouseCommand.Create());
        return root.Parse(args).Invoke();
    }
}
