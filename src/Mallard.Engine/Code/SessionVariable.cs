namespace Mallard.Engine.Code;

/// <summary>A variable of the session: its name, declared type and value.</summary>
public sealed record SessionVariable(string Name, Type Type, object? Value);
