namespace Mallard.Engine;

/// <summary>A variable of the session, as <c>#!who</c> lists it.</summary>
/// <param name="Name">The variable's name.</param>
/// <param name="TypeName">Its C# type, as written in code.</param>
/// <param name="Shape">Rows × columns for a frame, count for a collection, otherwise null.</param>
/// <param name="Value">The current value.</param>
public sealed record VariableInfo(string Name, string TypeName, string? Shape, object? Value);
