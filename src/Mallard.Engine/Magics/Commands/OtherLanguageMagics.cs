using Mallard.Display;

namespace Mallard.Engine.Magics.Commands;

/// <summary>
/// Cells of the languages Polyglot runs and Mallard does not (F#, PowerShell, JavaScript, KQL, SQL Server, HTTP): each is a clear
/// error naming the language and what to do, instead of a C# compiler error. Mermaid diagrams are shown as Markdown, which
/// JupyterLab draws. One file for these small entries, as they only differ in their names.
/// </summary>
internal abstract class OtherLanguageMagic(string name, string language) : MagicCommand
{
    public override MagicSpec Spec { get; } = new(name, $"A {language} cell from Polyglot Notebooks: Mallard runs C# and SQL, and says so.", MagicBody.Rest, [], []);

    public override int Order => 200;

    public override Task RunAsync(MagicContext context) => throw context.Error(
        $"This cell is {language} (#!{Spec.Name}), which Mallard does not run: Mallard runs C# and SQL (#!sql, and #!NAME for databases opened with #!connect). "
        + "Rewrite the cell in C# or SQL, or run this notebook in Polyglot Notebooks.");
}

internal sealed class FSharpMagic() : OtherLanguageMagic("fsharp", "F#");

internal sealed class PowerShellMagic() : OtherLanguageMagic("pwsh", "PowerShell");

internal sealed class JavaScriptMagic() : OtherLanguageMagic("javascript", "JavaScript");

internal sealed class KqlMagic() : OtherLanguageMagic("kql", "KQL (Kusto)");

internal sealed class MsSqlMagic() : OtherLanguageMagic("mssql", "SQL Server T-SQL");

internal sealed class HttpMagic() : OtherLanguageMagic("http", "HTTP requests");

/// <summary><c>#!mermaid</c>: the diagram is shown as a Mermaid block in Markdown (JupyterLab draws it; other front ends show its text).</summary>
internal sealed class MermaidMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new("mermaid", "Show a Mermaid diagram (as Markdown, which JupyterLab draws).", MagicBody.Rest, [], []);

    public override int Order => 160;

    public override Task RunAsync(MagicContext context)
    {
        context.Display(new Markdown("```mermaid\n" + context.Body.TrimEnd() + "\n```"));
        return Task.CompletedTask;
    }
}
