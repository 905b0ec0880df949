using System.Globalization;
using System.Text;

namespace Mallard.Engine.Magics;

/// <summary>
/// Reads the magic line at the top of a cell (<c>#!name args</c>, or <c>%%sql</c>): its own small parser with
/// precise errors, as magics are not process arguments. Quoting: "double" (with \" and \\ escapes) or 'single'.
/// </summary>
internal static class MagicParser
{
    /// <summary>True when <paramref name="line"/> is a magic line.</summary>
    public static bool IsMagicLine(string line)
    {
        var t = line.TrimStart();
        return (t.StartsWith("#!", StringComparison.Ordinal) && !t.StartsWith("#!/", StringComparison.Ordinal)) || t.StartsWith("%%", StringComparison.Ordinal);
    }

    /// <summary>
    /// Splits <paramref name="cell"/> into its first magic (or null when it does not start with one) and the text after
    /// that line. <paramref name="bodyStart"/> is the offset of the body in the cell; <paramref name="lineOffset"/> the
    /// zero-based line the magic is on.
    /// </summary>
    /// <param name="cell">The cell's text.</param>
    /// <param name="lineOffset">The line of the cell the text starts on.</param>
    /// <param name="body">The text after the magic line.</param>
    /// <param name="bodyStart">Where <paramref name="body"/> starts.</param>
    /// <param name="connections">
    /// The session's open connection a name that is no magic addresses, Polyglot's way (<c>#!NAME</c>, <c>#!sql-NAME</c>), or
    /// null; such a line is <c>#!sql --connection NAME</c>.
    /// </param>
    public static MagicInvocation? Parse(string cell, int lineOffset, out string body, out int bodyStart, Func<string, string?>? connections = null)
    {
        // Blank lines before a magic are allowed; anything else means the cell has no magic.
        var pos = 0;
        var line = lineOffset;
        while (true)
        {
            var end = cell.IndexOf('\n', pos);
            var text = end < 0 ? cell[pos..] : cell[pos..end];
            if (text.Trim().Length == 0 && end >= 0)
            {
                pos = end + 1;
                line++;
                continue;
            }
            if (!IsMagicLine(text))
            {
                body = cell;
                bodyStart = 0;
                return null;
            }
            bodyStart = end < 0 ? cell.Length : end + 1;
            body = cell[bodyStart..];
            return ParseLine(text.TrimEnd('\r'), line, connections);
        }
    }

    /// <summary>Parses one magic line against the catalog.</summary>
    public static MagicInvocation ParseLine(string text, int line, Func<string, string?>? connections = null)
    {
        var tokens = Tokenize(text, line);
        var head = tokens[0];
        var name = head.Text.StartsWith("%%", StringComparison.Ordinal) ? head.Text[2..] : head.Text[2..];
        var command = MagicCatalog.Find(name);
        // Polyglot addresses a connected database as a kernel: #!NAME (DuckDB) or #!sql-NAME (the others).
        var addressed = command is null && head.Text.StartsWith("#!", StringComparison.Ordinal) ? connections?.Invoke(name) : null;
        if (addressed is not null) command = MagicCatalog.Find("sql");
        if (command is null || (head.Text.StartsWith("%%", StringComparison.Ordinal) && !command.Spec.AllowsPercentForm))
        {
            throw new MagicException(
                $"Unknown magic '{head.Text}'. Accepted magics: {string.Join(", ", MagicCatalog.Forms)}"
                + (connections is null ? "" : ", and #!NAME or #!sql-NAME for a connection opened with #!connect")
                + ". Use #!help for their options.")
            { Line = line, Column = head.Column };
        }
        var spec = command.Spec;

        var positionals = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 1; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.Quoted && token.Text.StartsWith("--", StringComparison.Ordinal) && token.Text.Length > 2)
            {
                var optionText = token.Text[2..];
                string? inlineValue = null;
                var eq = optionText.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0)
                {
                    inlineValue = optionText[(eq + 1)..];
                    optionText = optionText[..eq];
                }
                var option = spec.Find(optionText)
                    ?? throw new MagicException(
                        $"Unknown option '--{optionText}' for #!{spec.Name}. "
                        + (spec.Options.Count == 0 ? $"#!{spec.Name} takes no options." : $"Accepted options: {string.Join(", ", spec.Options.Select(o => o.Usage))}."))
                    { Line = line, Column = token.Column };
                if (options.ContainsKey(option.Name))
                    throw new MagicException($"Option '--{option.Name}' of #!{spec.Name} is given more than once.") { Line = line, Column = token.Column };
                if (option.Kind == MagicOptionKind.Flag)
                {
                    if (inlineValue is not null)
                        throw new MagicException($"Option '--{option.Name}' of #!{spec.Name} takes no value.") { Line = line, Column = token.Column };
                    options[option.Name] = null;
                    continue;
                }
                var value = inlineValue;
                if (value is null)
                {
                    if (i + 1 >= tokens.Count || (!tokens[i + 1].Quoted && tokens[i + 1].Text.StartsWith("--", StringComparison.Ordinal)))
                        throw new MagicException($"Option '--{option.Name}' of #!{spec.Name} needs a value: {option.Usage} ({option.Help}).") { Line = line, Column = token.Column };
                    value = tokens[++i].Text;
                }
                if (option.Kind == MagicOptionKind.Count
                    && (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 0))
                    throw new MagicException($"Option '--{option.Name}' of #!{spec.Name} needs a whole number of at least 0, not '{value}'.") { Line = line, Column = token.Column };
                if (option.Kind == MagicOptionKind.Text && value.Length == 0)
                    throw new MagicException($"Option '--{option.Name}' of #!{spec.Name} needs a non-empty value: {option.Usage}.") { Line = line, Column = token.Column };
                options[option.Name] = value;
                continue;
            }
            if (positionals.Count >= spec.Positionals.Count)
            {
                throw new MagicException(
                    spec.Positionals.Count == 0
                        ? $"#!{spec.Name} takes no arguments, but '{token.Text}' was given. Usage: {spec.Usage}"
                        : $"Too many arguments for #!{spec.Name}: '{token.Text}'. Usage: {spec.Usage}")
                { Line = line, Column = token.Column };
            }
            positionals.Add(token.Text);
        }
        if (positionals.Count < spec.RequiredPositionals)
        {
            throw new MagicException($"#!{spec.Name} needs {spec.Positionals[positionals.Count]}. Usage: {spec.Usage}") { Line = line, Column = text.Length };
        }
        if (addressed is not null)
        {
            if (options.ContainsKey("connection"))
                throw new MagicException($"{head.Text} already names its connection; --connection does not go with it.") { Line = line, Column = head.Column };
            options["connection"] = addressed;
        }
        return new MagicInvocation(command, positionals, options, line);
    }

    private static List<(string Text, int Column, bool Quoted)> Tokenize(string text, int line)
    {
        var tokens = new List<(string, int, bool)>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            var sb = new StringBuilder();
            var quoted = false;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                var c = text[i];
                if (c is '"' or '\'')
                {
                    quoted = true;
                    var quote = c;
                    i++;
                    var closed = false;
                    while (i < text.Length)
                    {
                        var q = text[i];
                        if (q == quote)
                        {
                            closed = true;
                            i++;
                            break;
                        }
                        if (q == '\\' && quote == '"' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
                        {
                            sb.Append(text[i + 1]);
                            i += 2;
                            continue;
                        }
                        sb.Append(q);
                        i++;
                    }
                    if (!closed)
                        throw new MagicException($"Unterminated {(quote == '"' ? "double" : "single")} quote in the magic line.") { Line = line, Column = start };
                    continue;
                }
                sb.Append(c);
                i++;
            }
            tokens.Add((sb.ToString(), start, quoted));
        }
        return tokens;
    }
}
