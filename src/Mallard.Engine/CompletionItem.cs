namespace Mallard.Engine;

/// <summary>One completion candidate.</summary>
/// <param name="Text">The text that replaces the range of <see cref="CompletionResult"/>.</param>
/// <param name="Kind">What it is: method, property, field, class, struct, enum, interface, namespace, local, variable, keyword, function, table, column, schema, magic, option.</param>
/// <param name="Detail">A signature or type, when known.</param>
public sealed record CompletionItem(string Text, string Kind, string? Detail = null);
