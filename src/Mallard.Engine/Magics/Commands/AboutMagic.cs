using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Mallard.DuckDb;

namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!about</c>, as Polyglot has it: what runs the notebook — Mallard's version, DuckDB's, .NET's and the platform.</summary>
internal sealed class AboutMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new("about", "Show the versions of Mallard, DuckDB and .NET this session runs on.", MagicBody.Rest, [], []);

    public override int Order => 990;

    public override async Task RunAsync(MagicContext context)
    {
        var version = typeof(Session).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        // "1.2.0+<commit>": the release, and the build's commit shortened as git shortens it.
        var built = version.Split('+', 2) is [var release, var commit] ? $"{release} ({commit[..Math.Min(12, commit.Length)]})" : version;
        var text = new StringBuilder()
            .Append("Mallard ").Append(built).Append('\n')
            .Append("DuckDB ").Append(DuckDbDatabase.LibraryVersion).Append('\n')
            .Append(RuntimeInformation.FrameworkDescription).Append(" on ").Append(RuntimeInformation.RuntimeIdentifier).Append('\n')
            .Append("C# and SQL cells; #!help lists the magics.\n");
        context.Run.Write(OutputStreamKind.Stdout, text.ToString());
        await context.RunBodyAsync().ConfigureAwait(false);
    }
}
