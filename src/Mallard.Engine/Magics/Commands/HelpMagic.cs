using System.Text;

namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!help [MAGIC]</c>: every magic (or one) with its usage and options.</summary>
internal sealed class HelpMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new("help", "List the magics and their options (Polyglot's #!lsmagic too).", MagicBody.Rest, [], ["MAGIC"], Aliases: ["lsmagic"]);

    public override int Order => 1000;

    public override IEnumerable<CompletionItem> CompletePositional(Session session, int index) =>
        index == 0 ? MagicCatalog.All.Select(s => new CompletionItem(s.Name, "magic", s.Summary)) : [];

    public override async Task RunAsync(MagicContext context)
    {
        var sb = new StringBuilder();
        var specs = context.Magic.Positional(0) is { } one
            ? [MagicCatalog.Find(one.TrimStart('#', '!', '%'))?.Spec ?? throw context.Error($"Unknown magic '{one}'. Accepted magics: {string.Join(", ", MagicCatalog.All.Select(m => m.Name))}.")]
            : MagicCatalog.All;
        foreach (var spec in specs)
        {
            sb.Append(spec.Usage);
            if (spec.Aliases is { Count: > 0 } aliases) sb.Append("  (also ").Append(string.Join(", ", aliases.Select(a => "#!" + a))).Append(')');
            sb.Append('\n').Append("    ").Append(spec.Summary).Append('\n');
            foreach (var option in spec.Options) sb.Append("    ").Append(option.Usage.PadRight(22)).Append(option.Help).Append('\n');
        }
        sb.Append("SQL may use $name to bind the C# variable 'name' as a parameter.\n");
        context.Run.Write(OutputStreamKind.Stdout, sb.ToString());
        await context.RunBodyAsync().ConfigureAwait(false);
    }
}
