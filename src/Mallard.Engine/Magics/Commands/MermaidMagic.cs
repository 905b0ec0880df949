using Mallard.Display;

namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!mermaid</c>: the diagram is shown as a Mermaid block in Markdown (JupyterLab draws it; other front ends show its text).</summary>
internal sealed class MermaidMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new("mermaid", "Show a Mermaid diagram (as Markdown, which JupyterLab draws).", MagicBody.Rest, [], []);

    public override int Order => 160;

    public override Task RunAsync(MagicContext context)
    {
        context.Display(new Markdown("```mermaid\n" + context.OwnBody.TrimEnd() + "\n```"));
        return context.RunAfterOwnBodyAsync();
    }
}
