namespace Mallard.Engine.Code;

/// <summary>
/// The language of a session's code cells, chosen by the host (<see cref="SessionOptions.CSharp"/>): Mallard.Scripting's
/// C# through Roslyn. A session without one runs SQL and magics only and never loads a compiler.
/// </summary>
public abstract class CodeLanguage
{
    /// <summary>Starts the language for <paramref name="session"/>.</summary>
    internal abstract ICodeRunner Start(Session session);
}
