namespace Mallard.Engine.Magics;

/// <summary>
/// Cells of the languages Polyglot runs and Mallard does not (F#, PowerShell, JavaScript, KQL, SQL Server, HTTP): each is a clear
/// error naming the language and what to do, instead of a C# compiler error. Each language is a magic of its own in
/// <c>Commands</c>; they differ only in their names.
/// </summary>
internal abstract class OtherLanguageMagic(string name, string language, int order) : MagicCommand
{
    public override MagicSpec Spec { get; } = new(name, $"A {language} cell from Polyglot Notebooks: Mallard runs C# and SQL, and says so.", MagicBody.Rest, [], []);

    public override int Order => order;

    public override Task RunAsync(MagicContext context) => throw context.Error(
        $"This cell is {language} (#!{Spec.Name}), which Mallard does not run: Mallard runs C# and SQL (#!sql, and #!NAME for databases opened with #!connect). "
        + "Rewrite the cell in C# or SQL, or run this notebook in Polyglot Notebooks.");
}
