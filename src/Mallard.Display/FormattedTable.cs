using System.Collections.Immutable;
using Mallard.Data;

namespace Mallard.Display;

/// <summary>
/// A frame with how to show it: a format per column, header labels, whether the type row shows. Displayed like the frame
/// itself (an HTML table and a text table). Immutable; start one with <c>frame.Table()</c>:
/// <code>segments.Table().Currency("revenue", "aov").Percent("share").Labels()</code>
/// Columns told nothing take <see cref="ValueFormat.For"/>'s format. A column that does not exist, or a format that cannot
/// write its type, is refused at once, naming the column.
/// </summary>
public sealed record FormattedTable
{
    public FormattedTable(Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        Frame = frame;
    }

    public Frame Frame { get; }

    /// <summary>What a table formatter shows for <paramref name="value"/>: the table itself, a frame with nothing told, or null for anything else.</summary>
    public static FormattedTable? Of(object? value) => value switch
    {
        FormattedTable table => table,
        Frame frame => new FormattedTable(frame),
        _ => null,
    };

    /// <summary>The formats given by column name (case-insensitive).</summary>
    public ImmutableDictionary<string, ValueFormat> Formats { get; private init; } =
        ImmutableDictionary<string, ValueFormat>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>The header labels given by column name (case-insensitive).</summary>
    public ImmutableDictionary<string, string> ColumnLabels { get; private init; } =
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>Headers as people read them (<see cref="ColumnLabel.Readable"/>) where no label is given; null: as the display options say.</summary>
    public bool? ReadableLabels { get; private init; }

    /// <summary>Whether the headers show each column's SQL type; null: as the display options say.</summary>
    public bool? ShowTypes { get; private init; }

    /// <summary>Writes <paramref name="column"/> with <paramref name="format"/>.</summary>
    public FormattedTable Format(string column, ValueFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var found = Find(column);
        if (!format.Accepts(found.Type))
            throw new ArgumentException($"Column '{found.Name}' is {found.Type.Name}; the format {format} writes {Writes(format.Kind)}.", nameof(format));
        return this with { Formats = Formats.SetItem(found.Name, format) };
    }

    /// <summary>
    /// Formats from text, as <c>#!sql --format</c> takes them: <c>"revenue=currency, share=percent:1, customer_id=id"</c>
    /// (see <see cref="ValueFormat.Parse"/>).
    /// </summary>
    public FormattedTable Format(string formats)
    {
        var table = this;
        foreach (var (column, format) in ParseFormats(formats)) table = table.Format(column, format);
        return table;
    }

    /// <summary>
    /// The column names and formats in <c>"revenue=currency, share=percent:1"</c>, checked as text only (the columns are checked
    /// when applied); a <see cref="ArgumentException"/> names the part that is wrong.
    /// </summary>
    public static IReadOnlyList<(string Column, ValueFormat Format)> ParseFormats(string formats)
    {
        ArgumentNullException.ThrowIfNull(formats);
        var parsed = new List<(string, ValueFormat)>();
        foreach (var part in formats.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || pair[0].Length == 0)
                throw new ArgumentException($"'{part}' gives no format: write COLUMN=FORMAT, for example revenue=currency.", nameof(formats));
            try
            {
                parsed.Add((pair[0], ValueFormat.Parse(pair[1])));
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"Column '{pair[0]}': {e.Message}", nameof(formats), e);
            }
        }
        return parsed;
    }

    /// <summary>Money with <paramref name="columns"/>: <c>$1,234.57</c>.</summary>
    public FormattedTable Currency(params string[] columns) => FormatAll(columns, ValueFormat.Currency());

    /// <summary>Fractions as percentages with one decimal.</summary>
    public FormattedTable Percent(params string[] columns) => FormatAll(columns, ValueFormat.Percent());

    /// <summary>Integers without thousands separators.</summary>
    public FormattedTable Id(params string[] columns) => FormatAll(columns, ValueFormat.Id);

    /// <summary>Numbers to <paramref name="decimals"/> places.</summary>
    public FormattedTable Decimals(int decimals, params string[] columns) => FormatAll(columns, ValueFormat.Number(decimals));

    /// <summary>Shows <paramref name="label"/> as the header of <paramref name="column"/>.</summary>
    public FormattedTable Label(string column, string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return this with { ColumnLabels = ColumnLabels.SetItem(Find(column).Name, label) };
    }

    /// <summary>Headers as people read them ("Customer segment" for <c>customer_segment</c>), or the names themselves.</summary>
    public FormattedTable Labels(bool readable = true) => this with { ReadableLabels = readable };

    /// <summary>Shows or hides the row of SQL types under the headers.</summary>
    public FormattedTable Types(bool show) => this with { ShowTypes = show };

    /// <summary>The format of the column at <paramref name="index"/>: the one given, else <see cref="ValueFormat.For"/>'s (or <see cref="ValueFormat.Auto"/> when <paramref name="byName"/> is false).</summary>
    public ValueFormat FormatOf(int index, bool byName = true)
    {
        var column = Frame[index];
        return Formats.TryGetValue(column.Name, out var format) ? format : byName ? ValueFormat.For(column) : ValueFormat.Auto;
    }

    /// <summary>The header of the column at <paramref name="index"/>: its label, else its readable name when <paramref name="readable"/>, else its name.</summary>
    public string HeaderOf(int index, bool readable)
    {
        var name = Frame[index].Name;
        return ColumnLabels.TryGetValue(name, out var label) ? label : (ReadableLabels ?? readable) ? ColumnLabel.Readable(name) : name;
    }

    private FormattedTable FormatAll(string[] columns, ValueFormat format)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var table = this;
        foreach (var column in columns) table = table.Format(column, format);
        return table;
    }

    private Column Find(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        foreach (var c in Frame.Columns)
            if (string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase)) return c;
        throw new ArgumentException($"The table has no column '{column}'; its columns are {string.Join(", ", Frame.Columns.Select(c => c.Name))}.", nameof(column));
    }

    private static string Writes(ValueFormatKind kind) => kind switch
    {
        ValueFormatKind.Date or ValueFormatKind.Month => "dates and timestamps",
        ValueFormatKind.Id => "integers, decimals and text",
        _ => "numbers",
    };
}
