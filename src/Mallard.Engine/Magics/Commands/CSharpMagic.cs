namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!csharp</c>: the rest of the cell is C#, whatever the session's default language.</summary>
internal sealed class CSharpMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new("csharp", "Run the rest of the cell as C#.", MagicBody.CSharp, [], []);

    public override int Order => 20;

    public override Task RunAsync(MagicContext context) =>
        context.Body.Trim().Length > 0 ? context.Session.RunCSharpAsync(context.Body, context.BodyOffset, context.Run) : Task.CompletedTask;
}
