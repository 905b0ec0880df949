using Mallard.Engine.Code;

namespace Mallard.Interactive;

/// <summary>
/// The variables a SQL kernel's cells read and write: its own (values <c>#!set</c> gave it, results kept with <c>--name</c>),
/// then the C# values its running cell names, fetched just before it ran.
/// </summary>
internal sealed class KernelValues : IVariableSource
{
    private readonly VariableStore _own = new();
    private VariableStore _imported = new();

    public IReadOnlyList<SessionVariable> Variables => [.. _own.Variables, .. _imported.Variables.Where(v => !IsOwn(v.Name))];

    public bool TryGetVariable(string name, out SessionVariable variable) =>
        _own.TryGetVariable(name, out variable) || _imported.TryGetVariable(name, out variable);

    public void SetVariable(string name, Type type, object? value) => _own.SetVariable(name, type, value);

    public bool IsValidName(string name) => _own.IsValidName(name);

    /// <summary>Whether <paramref name="name"/> is one of the kernel's own values (in any case, as <c>$name</c> matches).</summary>
    public bool IsOwn(string name) => _own.Variables.Any(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A C# value for the running cell.</summary>
    public void Import(string name, Type type, object? value) => _imported.SetVariable(name, type, value);

    /// <summary>Forgets the C# values of the previous cell (they may have changed since).</summary>
    public void ClearImported() => _imported = new VariableStore();
}
