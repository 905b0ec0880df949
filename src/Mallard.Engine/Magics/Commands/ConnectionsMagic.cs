using Mallard.Data;

namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!connections</c>: the open connections, and which is current.</summary>
internal sealed class ConnectionsMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new("connections", "List the open connections.", MagicBody.Rest, [], []);

    public override int Order => 40;

    public override async Task RunAsync(MagicContext context)
    {
        var registry = context.Session.Registry;
        registry.Get(null); // the default connection exists from the start, even before a first query
        var current = registry.CurrentName;
        var all = registry.All;
        context.Display(new Frame(
            StringColumn.Create("name", [.. all.Select(c => (string?)c.Name)]),
            StringColumn.Create("kind", [.. all.Select(c => (string?)c.Kind)]),
            StringColumn.Create("target", [.. all.Select(c => (string?)c.Target)]),
            PrimitiveColumn<bool>.Create("read_only", [.. all.Select(c => (bool?)c.ReadOnly)]),
            PrimitiveColumn<bool>.Create("current", [.. all.Select(c => (bool?)string.Equals(c.Name, current, StringComparison.OrdinalIgnoreCase))])));
        await context.RunBodyAsync().ConfigureAwait(false);
    }
}
