namespace Mallard.Engine.Code;

/// <summary>
/// The variables SQL cells read (<c>$name</c> parameters, frames named in the SQL) and write (<c>#!sql --name</c>). In the
/// Mallard kernel they are the C# cells' variables; a host without C# gives its own (or the session keeps them itself).
/// </summary>
public interface IVariableSource
{
    /// <summary>Every variable, in the order they were made: its name, declared type and current value.</summary>
    IReadOnlyList<SessionVariable> Variables { get; }

    /// <summary>The variable called <paramref name="name"/> (exact case), when there is one.</summary>
    bool TryGetVariable(string name, out SessionVariable variable);

    /// <summary>Makes <paramref name="name"/> a variable of <paramref name="type"/> holding <paramref name="value"/> (replacing one of that name).</summary>
    void SetVariable(string name, Type type, object? value);

    /// <summary>Whether <paramref name="name"/> can name a variable here (<c>#!sql --name</c> checks it first).</summary>
    bool IsValidName(string name);
}
