using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Mallard.Notebooks;

/// <summary>
/// Papermill-style parameters: values given for a run go into a new code cell, tagged
/// <c>injected-parameters</c>, right after the cell tagged <c>parameters</c>, so they replace the defaults
/// that cell assigns.
/// </summary>
/// <remarks>
/// <para>Only names the parameters cell assigns (<c>var top = 10;</c>, <c>string region = "EU";</c>,
/// <c>top = 10;</c>) can be given; any other name is an error listing the ones it assigns.</para>
/// <para>A value becomes a C# literal of the type the parameters cell gives the name: its declared type,
/// or for <c>var</c> the type of its initial literal (<c>10</c> int, <c>10L</c> long, <c>0.5</c> double,
/// <c>0.5m</c> decimal, <c>0.5f</c> float, <c>true</c> bool, <c>"EU"</c> string, <c>new DateOnly(...)</c>
/// DateOnly). string takes the text as it is (one pair of surrounding quotes is removed); int, long,
/// double, float and decimal take invariant-culture numbers; bool takes true or false (any case);
/// DateOnly takes yyyy-MM-dd and DateTime an ISO 8601 date and time. A value that does not fit is an
/// error naming the parameter, the type and the value.</para>
/// <para>When the type cannot be told (a name assigned from an expression), the value's own form decides:
/// quoted text is a string, true/false a bool, an integer an int (a long if it needs one), a number with a
/// '.' or an exponent a double; anything else, dates included, is a string.</para>
/// </remarks>
public static partial class NotebookParameters
{
    /// <summary>The tag of the cell whose assignments are the defaults.</summary>
    public const string ParametersTag = "parameters";

    /// <summary>The tag of the cell the runner adds.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>The names a parameters cell assigns, with the C# type each gets (null when it cannot be told), in order.</summary>
    public static IReadOnlyList<(string Name, string? Type)> Assignments(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var found = new List<(string, string?)>();
        var code = string.Join("\n", source.Split('\n').Select(l => l.TrimStart().StartsWith("//", StringComparison.Ordinal) ? "" : l));
        foreach (Match m in AssignmentPattern().Matches(code))
        {
            var name = m.Groups["name"].Value;
            var declared = m.Groups["type"].Success ? m.Groups["type"].Value.Trim() : null;
            if (declared is not null && declared.StartsWith("const", StringComparison.Ordinal)) declared = declared[5..].Trim();
            var type = declared is null or "var" ? TypeOfLiteral(m.Groups["init"].Value.Trim()) : declared;
            var at = found.FindIndex(f => f.Item1 == name);
            if (at >= 0) found[at] = (name, type ?? found[at].Item2);
            else found.Add((name, type));
        }
        return found;
    }

    /// <summary>
    /// Adds the cell of <paramref name="values"/> after the cell tagged <c>parameters</c> (replacing an
    /// <c>injected-parameters</c> cell from an earlier run) and returns it with each name's C# literal.
    /// </summary>
    public static (NotebookCell Cell, IReadOnlyList<(string Name, string Literal)> Literals) Inject(Notebook notebook, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentNullException.ThrowIfNull(values);
        notebook.Cells.RemoveAll(c => c.HasTag(InjectedTag));
        var index = notebook.Cells.FindIndex(c => c.CellType == NotebookCellType.Code && c.HasTag(ParametersTag));
        if (index < 0)
        {
            throw new NotebookParameterException(
                $"Parameters were given ({string.Join(", ", values.Select(v => v.Key))}) but no code cell is tagged \"{ParametersTag}\". " +
                "Tag the cell that assigns their defaults (in Jupyter or VS Code: the cell's tags), then run again.");
        }
        var parameters = notebook.Cells[index];
        if (parameters.FirstLine.StartsWith("#!", StringComparison.Ordinal) || parameters.FirstLine.StartsWith("%%", StringComparison.Ordinal))
            throw new NotebookParameterException($"The cell tagged \"{ParametersTag}\" (cell {index + 1}) starts with a magic; parameters are C# assignments such as var top = 10;.");
        var assigned = Assignments(parameters.Source);

        var sb = new StringBuilder("// Parameters given to mallard run\n");
        var literals = new List<(string, string)>();
        foreach (var (name, value) in values)
        {
            var match = assigned.FirstOrDefault(a => a.Name == name);
            if (match.Name is null)
            {
                throw new NotebookParameterException(
                    $"The parameter '{name}' is not assigned in the parameters cell (cell {index + 1}), so the notebook does not use it. " +
                    (assigned.Count == 0 ? "That cell assigns nothing." : $"It assigns: {string.Join(", ", assigned.Select(a => a.Name))}."));
            }
            var (type, literal) = Literal(name, match.Type, value);
            sb.Append(type).Append(' ').Append(name).Append(" = ").Append(literal).Append(";\n");
            literals.Add((name, literal));
        }
        var cell = NotebookCell.Code(sb.ToString().TrimEnd('\n'));
        cell.AddTag(InjectedTag);
        notebook.Cells.Insert(index + 1, cell);
        return (cell, literals);
    }

    /// <summary>The C# type and literal for <paramref name="value"/> given for <paramref name="name"/> of <paramref name="type"/> (null: inferred from the value).</summary>
    public static (string Type, string Literal) Literal(string name, string? type, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        var bare = type?.TrimEnd('?');
        switch (bare)
        {
            case null:
                return Infer(value);
            case "string" or "String" or "System.String":
                return (type!, StringLiteral(Unquote(value)));
            case "bool" or "Boolean":
                return bool.TryParse(value.Trim(), out var b) ? (type!, b ? "true" : "false") : throw Bad(name, type!, value, "true or false");
            case "int" or "Int32":
                return int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
                    ? (type!, i.ToString(CultureInfo.InvariantCulture)) : throw Bad(name, type!, value, "a whole number from -2147483648 to 2147483647");
            case "long" or "Int64":
                return long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                    ? (type!, l.ToString(CultureInfo.InvariantCulture) + "L") : throw Bad(name, type!, value, "a whole number");
            case "double" or "Double":
                return double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                    ? (type!, DoubleLiteral(d)) : throw Bad(name, type!, value, "a number such as 0.25 or 1e-3");
            case "float" or "Single":
                return float.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && float.IsFinite(f)
                    ? (type!, f.ToString("R", CultureInfo.InvariantCulture) + "f") : throw Bad(name, type!, value, "a number such as 0.25");
            case "decimal" or "Decimal":
                return decimal.TryParse(value.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var m)
                    ? (type!, m.ToString(CultureInfo.InvariantCulture) + "m") : throw Bad(name, type!, value, "a number such as 19.99");
            case "DateOnly" or "System.DateOnly":
                return DateOnly.TryParseExact(Unquote(value).Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? (type!, string.Create(CultureInfo.InvariantCulture, $"new DateOnly({date.Year}, {date.Month}, {date.Day})"))
                    : throw Bad(name, type!, value, "a date as yyyy-MM-dd");
            case "DateTime" or "System.DateTime":
                return DateTime.TryParse(Unquote(value).Trim(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
                    ? (type!, "DateTime.Parse(" + StringLiteral(time.ToString("O", CultureInfo.InvariantCulture)) + ", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind)")
                    : throw Bad(name, type!, value, "a date and time such as 2024-06-01T12:00:00");
            default:
                throw new NotebookParameterException(
                    $"The parameter '{name}' is {Article(type)} {type} in the parameters cell; values given on the command line can set string, bool, int, long, double, float, decimal, DateOnly and DateTime parameters.");
        }
    }

    private static (string Type, string Literal) Infer(string value)
    {
        var trimmed = value.Trim();
        if (IsQuoted(trimmed)) return ("string", StringLiteral(trimmed[1..^1]));
        if (bool.TryParse(trimmed, out var b)) return ("bool", b ? "true" : "false");
        if (IntegerPattern().IsMatch(trimmed))
        {
            if (int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return ("int", i.ToString(CultureInfo.InvariantCulture));
            if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return ("long", l.ToString(CultureInfo.InvariantCulture) + "L");
        }
        if (RealPattern().IsMatch(trimmed) && double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            return ("double", DoubleLiteral(d));
        return ("string", StringLiteral(value));
    }

    /// <summary>The type of a C# literal initialiser, or null when it is not a literal.</summary>
    private static string? TypeOfLiteral(string init)
    {
        if (init.Length == 0) return null;
        if (init.StartsWith('"') || init.StartsWith("@\"", StringComparison.Ordinal) || init.StartsWith("$\"", StringComparison.Ordinal)
            || init.StartsWith("$@\"", StringComparison.Ordinal) || init.StartsWith("@$\"", StringComparison.Ordinal)) return "string";
        if (init is "true" or "false") return "bool";
        if (init.StartsWith("new DateOnly(", StringComparison.Ordinal) || init.StartsWith("DateOnly.", StringComparison.Ordinal)) return "DateOnly";
        if (init.StartsWith("new DateTime(", StringComparison.Ordinal) || init.StartsWith("DateTime.", StringComparison.Ordinal)) return "DateTime";
        var number = NumberLiteralPattern().Match(init);
        if (!number.Success) return null;
        var suffix = number.Groups["suffix"].Value.ToUpperInvariant();
        var real = number.Groups["real"].Success;
        return suffix switch
        {
            "M" => "decimal",
            "F" => "float",
            "D" => "double",
            "L" or "UL" or "LU" => "long",
            _ => real ? "double" : "int",
        };
    }

    private static NotebookParameterException Bad(string name, string type, string value, string expected) =>
        new($"The parameter '{name}' is {Article(type)} {type} in the parameters cell, and '{value}' is not {expected}.");

    /// <summary>"an" before a vowel sound ("an int"), "a" otherwise ("a string").</summary>
    private static string Article(string? word) => word is { Length: > 0 } && "aeiouAEIOU".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";

    private static bool IsQuoted(string text) => text.Length >= 2 && ((text[0] == '"' && text[^1] == '"') || (text[0] == '\'' && text[^1] == '\''));

    private static string Unquote(string value) => IsQuoted(value) ? value[1..^1] : value;

    private static string DoubleLiteral(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>A C# regular string literal: quotes, backslashes and control characters escaped (Roslyn's own literal formatting).</summary>
    public static string StringLiteral(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(text, quote: true);
    }

    // A statement that assigns a name: optional type (or var/const), the name, '=', the initialiser up to ';'.
    [GeneratedRegex(@"(?:^|;)[ \t]*(?:(?<type>const\s+[A-Za-z_][\w.]*\??|var|[A-Za-z_][\w.]*(?:<[^=;>]*>)?(?:\[\])*\??)[ \t]+)?(?<name>[A-Za-z_]\w*)[ \t]*=(?![=>])[ \t]*(?<init>[^;\n]*)", RegexOptions.Multiline)]
    private static partial Regex AssignmentPattern();

    [GeneratedRegex(@"^[+-]?\d+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[+-]?(\d+\.\d*|\.\d+|\d+(\.\d*)?[eE][+-]?\d+)$")]
    private static partial Regex RealPattern();

    [GeneratedRegex(@"^[+-]?(?:\d[\d_]*)(?<real>\.\d[\d_]*(?:[eE][+-]?\d+)?|[eE][+-]?\d+)?(?<suffix>[mMfFdD]|[uU]?[lL]|[lL][uU])?$")]
    private static partial Regex NumberLiteralPattern();
}
