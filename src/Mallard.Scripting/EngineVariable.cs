namespace Mallard.Engine.Scripting;

/// <summary>A C# variable of the session: its name, declared type and value.</summary>
internal sealed record EngineVariable(string Name, Type Type, object? Value);
