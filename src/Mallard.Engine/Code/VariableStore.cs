using System.Text.RegularExpressions;

namespace Mallard.Engine.Code;

/// <summary>
/// Variables kept by the session itself, for hosts that run no code of their own: a name is a letter or underscore
/// followed by letters, digits and underscores. Thread-safe.
/// </summary>
public sealed partial class VariableStore : IVariableSource
{
    private readonly List<SessionVariable> _variables = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<SessionVariable> Variables
    {
        get
        {
            lock (_lock) return [.. _variables];
        }
    }

    public bool TryGetVariable(string name, out SessionVariable variable)
    {
        lock (_lock)
        {
            variable = _variables.Find(v => v.Name == name)!;
            return variable is not null;
        }
    }

    public void SetVariable(string name, Type type, object? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        if (!IsValidName(name)) throw new ArgumentException($"'{name}' is not a valid variable name.", nameof(name));
        lock (_lock)
        {
            _variables.RemoveAll(v => v.Name == name);
            _variables.Add(new SessionVariable(name, type, value));
        }
    }

    public bool IsValidName(string name) => name is not null && Identifier().IsMatch(name);

    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{Nd}_]*$")]
    private static partial Regex Identifier();
}
