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
        root.Subcommands.Add(NotebooksCommand.Create());
        root.Subcommands.Add(QueryCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ReplCommand.Create());
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(WarehouseCommand.Create());
        var parsed = root.Parse(args);
        if (parsed.Errors.Count == 0) return parsed.Invoke();
        // A mistake is named in a line or two, in the user's terms, not with .NET type names and the whole help.
        foreach (var error in parsed.Errors) Console.Error.WriteLine("mallard: " + Describe(error));
        var names = new List<string>();
        for (System.CommandLine.Parsing.SymbolResult? r = parsed.CommandResult; r is System.CommandLine.Parsing.CommandResult c && c.Command != root; r = c.Parent)
            names.Insert(0, c.Command.Name);
        Console.Error.WriteLine($"Run 'mallard {string.Concat(names.Select(n => n + " "))}--help' for usage.");
        return 2;
    }

    /// <summary>A parse error; a value of the wrong kind says which values the option takes.</summary>
    private static string Describe(System.CommandLine.Parsing.ParseError error)
    {
        if (error.SymbolResult is System.CommandLine.Parsing.OptionResult { Option: var option } result && result.Tokens.Count > 0
            && error.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal))
        {
            var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
            var given = result.Tokens[^1].Value;
            var expected = type.IsEnum ? string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))
                : type == typeof(int) || type == typeof(long) ? "a whole number"
                : type == typeof(double) || type == typeof(decimal) ? "a number"
                : "a " + type.Name.ToLowerInvariant();
            return $"{option.Name} takes {(type.IsEnum ? "one of " : "")}{expected}, not '{given}'.";
        }
        return error.Message;
    }
}
