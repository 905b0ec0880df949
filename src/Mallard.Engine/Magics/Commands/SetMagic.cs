namespace Mallard.Engine.Magics.Commands;

/// <summary>
/// <c>#!set --name X --value V</c>, as Polyglot writes it: makes the variable <c>X</c> (C# and SQL share one set of variables in
/// Mallard). V is text, <c>@csharp:y</c> (or <c>@KERNEL:y</c>, <c>@y</c>) for the value of the variable <c>y</c>, or
/// <c>@input:"prompt"</c> / <c>@password:"prompt"</c> to ask the user. The rest of the cell then runs.
/// </summary>
internal sealed class SetMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new(
        "set", "Polyglot's #!set: make variable NAME hold text, another variable's value (@csharp:y), or what the user types (@input:\"prompt\").", MagicBody.Rest,
        [
            new("name", MagicOptionKind.Text, "the variable to set", "NAME"),
            new("value", MagicOptionKind.Text, "text, @KERNEL:VARIABLE, @input:\"prompt\" or @password:\"prompt\"", "VALUE"),
            new("byref", MagicOptionKind.Flag, "share the object itself (Mallard always does: C# and SQL share one set of variables)"),
            new("mime-type", MagicOptionKind.Text, "accepted for Polyglot notebooks; the value keeps its own type", "TYPE"),
        ],
        [], OpensAnyCell: true);

    public override int Order => 110;

    public override async Task RunAsync(MagicContext context)
    {
        var name = context.Magic.Text("name") ?? throw context.Error("#!set needs --name NAME, the variable to set.");
        var written = context.Magic.Text("value") ?? throw context.Error("#!set needs --value VALUE: text, @csharp:VARIABLE or @input:\"prompt\".");
        var value = Value(context, written);
        context.Session.SetVariable(name, value, context.Magic.Line);
        await context.RunBodyAsync().ConfigureAwait(false);
    }

    /// <summary>What <paramref name="written"/> stands for.</summary>
    internal static object? Value(MagicContext context, string written)
    {
        if (!written.StartsWith('@')) return written;
        var reference = written[1..];
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        var source = colon < 0 ? null : reference[..colon];
        var rest = colon < 0 ? reference : reference[(colon + 1)..];
        if (source is "input" or "password")
        {
            var prompt = rest.Trim('"');
            return context.Run.ReadLine(prompt.Length == 0 ? name(source) : prompt, password: source == "password")
                ?? throw context.Error($"{written} asks for input, but this front end cannot ask (no terminal or stdin is not allowed). Set the value in a C# cell instead.");
        }
        if (!context.Session.TryGetVariableValue(rest, out var value))
            throw context.Error($"{written} names no variable: '{rest}' does not exist{(source is null ? "" : $" (in Mallard every kernel's variables are the session's, so @{source}: finds C# and SQL results alike)")}.");
        return value;

        static string name(string source) => source == "password" ? "Password:" : "Value:";
    }
}
