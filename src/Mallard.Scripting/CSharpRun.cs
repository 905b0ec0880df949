namespace Mallard.Engine.Scripting;

/// <summary>The end of a C# submission: its trailing expression's value (if it had one) or the exception it threw.</summary>
internal sealed record CSharpRun(bool HasValue, object? Value, Exception? Exception);
