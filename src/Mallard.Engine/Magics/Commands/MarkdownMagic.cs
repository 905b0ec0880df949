using Mallard.Display;

namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!markdown</c> in a code cell, as Polyglot writes it: the rest of the cell is shown as Markdown.</summary>
internal sealed class MarkdownMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new("markdown", "Show the rest of the cell as Markdown.", MagicBody.Rest, [], []);

    public override int Order => 150;

    public override Task RunAsync(MagicContext context)
    {
        context.Display(new Markdown(context.OwnBody));
        return context.RunAfterOwnBodyAsync();
    }
}
