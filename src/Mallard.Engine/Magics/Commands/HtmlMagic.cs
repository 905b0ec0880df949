using Mallard.Display;

namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!html</c>, as Polyglot writes it: the rest of the cell is shown as HTML.</summary>
internal sealed class HtmlMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new("html", "Show the rest of the cell as HTML.", MagicBody.Rest, [], []);

    public override int Order => 140;

    public override Task RunAsync(MagicContext context)
    {
        var html = context.OwnBody;
        context.Run.Display(MimeBundle.Empty.WithText(MimeTypes.Html, html).WithText(MimeTypes.PlainText, html));
        return context.RunAfterOwnBodyAsync();
    }
}
