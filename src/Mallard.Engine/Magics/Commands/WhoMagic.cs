using System.Globalization;
using Mallard.Data;

namespace Mallard.Engine.Magics.Commands;

/// <summary><c>#!who</c>: the session's variables with their types, shapes and a preview of their values.</summary>
internal sealed class WhoMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new("who", "List the session's variables with their types and shapes (Polyglot's #!whos too).", MagicBody.Rest, [], [], Aliases: ["whos"]);

    public override int Order => 60;

    public override async Task RunAsync(MagicContext context)
    {
        var variables = context.Session.Variables;
        if (variables.Count == 0)
        {
            context.Run.Write(OutputStreamKind.Stdout, "No variables yet.\n");
        }
        else
        {
            context.Display(new Frame(
                StringColumn.Create("name", [.. variables.Select(v => (string?)v.Name)]),
                StringColumn.Create("type", [.. variables.Select(v => (string?)v.TypeName)]),
                StringColumn.Create("shape", [.. variables.Select(v => v.Shape)]),
                StringColumn.Create("value", [.. variables.Select(v => Preview(v.Value))])));
        }
        await context.RunBodyAsync().ConfigureAwait(false);
    }

    private static string? Preview(object? value)
    {
        if (value is null) return "null";
        string text;
        try
        {
            text = value switch
            {
                Frame f => "columns: " + string.Join(", ", f.ColumnNames),
                string s => "\"" + s + "\"",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            text = "(" + e.GetType().Name + " from ToString)";
        }
        text = text.ReplaceLineEndings(" ");
        return text.Length > 80 ? text[..77] + "..." : text;
    }
}
