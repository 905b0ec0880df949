using System.CommandLine;
using System.Reflection;
using Mallard.DuckDb;

namespace Mallard.Cli;

/// <summary><c>mallard version</c>: Mallard's and DuckDB's versions.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Show the versions of Mallard and of the DuckDB library it uses.");
        command.SetAction(_ =>
        {
            var version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            Console.Out.WriteLine($"mallard {version}");
            Console.Out.WriteLine($"duckdb {DuckDbDatabase.LibraryVersion}");
            return 0;
        });
        return command;
    }
}
