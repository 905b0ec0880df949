namespace Mallard.Engine.Magics.Commands;

/// <summary>
/// <c>#!value --name X</c>, as Polyglot writes it: the rest of the cell (or <c>--from-file FILE</c>) becomes the string variable
/// <c>X</c>, as written: text, JSON or CSV for later cells to read.
/// </summary>
internal sealed class ValueMagic : MagicCommand
{
    public override MagicSpec Spec { get; } = new(
        "value", "Polyglot's #!value: keep the rest of the cell (or a file's text) as the string variable NAME.", MagicBody.Rest,
        [
            new("name", MagicOptionKind.Text, "the variable to keep it in", "NAME"),
            new("from-file", MagicOptionKind.Text, "read the text from this file instead (relative to the notebook)", "FILE"),
            new("mime-type", MagicOptionKind.Text, "accepted for Polyglot notebooks; the value is the text as written", "TYPE"),
        ],
        []);

    public override int Order => 130;

    public override Task RunAsync(MagicContext context)
    {
        var name = context.Magic.Text("name") ?? throw context.Error("#!value needs --name NAME, the variable to keep the text in.");
        string text;
        if (context.Magic.Text("from-file") is { } file)
        {
            if (context.OwnBody.Trim().Length > 0) throw context.Error("#!value takes its text from --from-file or from the cell, not both.");
            var path = Path.GetFullPath(Path.Combine(context.Session.WorkingDirectory, file));
            if (!File.Exists(path)) throw context.Error($"#!value --from-file: the file {path} does not exist.");
            text = File.ReadAllText(path);
        }
        else
        {
            text = context.OwnBody.TrimEnd('\n', '\r');
        }
        context.Session.SetVariable(name, text, context.Magic.Line);
        return context.RunAfterOwnBodyAsync();
    }
}
