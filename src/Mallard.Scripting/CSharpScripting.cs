using Mallard.Engine.Code;

namespace Mallard.Engine.Scripting;

/// <summary>
/// C# cells through Roslyn scripting, for <see cref="SessionOptions.CSharp"/>: variables persist across cells, SQL
/// results become variables, <c>#r</c> and <c>#load</c> work, and an interrupt cancels the cell's token.
/// </summary>
public sealed class CSharpScripting : CodeLanguage
{
    private CSharpScripting()
    {
    }

    /// <summary>The language.</summary>
    public static CSharpScripting Language { get; } = new();

    internal override ICodeRunner Start(Session session) => new CSharpRunner(session);
}
