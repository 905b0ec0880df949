namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!csharp</c>: the rest of the cell is C#, whatever the session's default language.</summary>
internal sealed class CSharpMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new("csharp", "Run the rest of the cell as C#.", MagicBody.CSharp, [], []);

    public override int Order => 20;

    public override Task RunAsync(MagicContext context)
    {
        // The rest of the cell is C# up to its next magic line, and again after a magic that names no language (#!set...).
        context.Run.Language = (code, offset) => context.Session.RunCSharpAsync(code, offset, context.Run);
        return context.RunBodyAsync();
    }
}
