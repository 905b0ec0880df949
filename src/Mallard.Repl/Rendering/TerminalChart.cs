using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mallard.Repl.Rendering;

/// <summary>
/// A Plotly figure (its JSON) drawn as horizontal bars in the terminal: one bar per category of each bar, line,
/// scatter or area trace, one per slice of a pie. Kinds that bars cannot show (histograms, heatmaps) get a line
/// that says so and points at <c>--html</c>.
/// </summary>
internal static class TerminalChart
{
    private const int MaxBars = 40;
    private const char Full = '█';
    private static readonly char[] Eighths = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

    public static string Render(string plotlyJson, int width)
    {
        ArgumentNullException.ThrowIfNull(plotlyJson);
        if (width <= 0) width = 80;
        using var document = JsonDocument.Parse(plotlyJson);
        var root = document.RootElement;
        var sb = new StringBuilder();
        if (root.TryGetProperty("layout", out var layout) && layout.TryGetProperty("title", out var title))
        {
            var text = title.ValueKind == JsonValueKind.String ? title.GetString() : title.TryGetProperty("text", out var t) ? t.GetString() : null;
            if (!string.IsNullOrEmpty(text)) sb.Append(TerminalText.Visible(text)).Append('\n');
        }
        var bars = new List<(string Label, double Value, double? Share)>();
        var skipped = new List<string>();
        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            var traces = data.GetArrayLength();
            foreach (var trace in data.EnumerateArray())
            {
                var type = trace.TryGetProperty("type", out var ty) ? ty.GetString() ?? "scatter" : "scatter";
                var name = trace.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                var prefix = traces > 1 && name is not null ? name + " · " : "";
                if (type == "pie")
                {
                    // A slice shows its share of the pie beside its value, as the chart would.
                    var first = bars.Count;
                    AddPairs(bars, prefix, trace, "labels", "values");
                    var total = bars.Skip(first).Sum(b => Math.Abs(b.Value));
                    for (var i = first; i < bars.Count; i++)
                        bars[i] = bars[i] with { Share = total == 0 ? null : Math.Abs(bars[i].Value) / total };
                }
                else if (type is "bar" or "scatter" or "scattergl")
                {
                    var horizontal = trace.TryGetProperty("orientation", out var o) && o.GetString() == "h";
                    if (horizontal) AddPairs(bars, prefix, trace, "y", "x");
                    else AddPairs(bars, prefix, trace, "x", "y");
                }
                else
                {
                    skipped.Add(type);
                }
            }
        }
        if (bars.Count == 0)
        {
            var kinds = skipped.Count > 0 ? string.Join(", ", skipped.Distinct()) : "empty";
            sb.Append(CultureInfo.InvariantCulture, $"(a {kinds} chart: the terminal shows bar, line, scatter, area and pie charts; write it with --html PATH to see it)\n");
            return sb.ToString();
        }
        var shown = bars.Take(MaxBars).ToList();
        var labelWidth = Math.Min(30, shown.Max(b => TerminalText.Width(b.Label)));
        var values = shown.Select(b => Number(b.Value) + (b.Share is { } share ? " (" + Mallard.Display.NumberText.Percent(share) + ")" : "")).ToList();
        var valueWidth = values.Max(v => v.Length);
        var max = shown.Max(b => Math.Abs(b.Value));
        var barWidth = Math.Max(10, width - labelWidth - valueWidth - 4);
        for (var i = 0; i < shown.Count; i++)
        {
            var label = Fit(shown[i].Label, labelWidth);
            sb.Append(label).Append(' ', labelWidth - TerminalText.Width(label)).Append(" │");
            var bar = Bar(max == 0 ? 0 : Math.Abs(shown[i].Value) / max * barWidth);
            sb.Append(bar).Append(' ', barWidth - bar.Length + 1).Append(values[i].PadLeft(valueWidth));
            // No trailing spaces.
            while (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
            sb.Append('\n');
        }
        if (bars.Count > shown.Count) sb.Append(CultureInfo.InvariantCulture, $"… {bars.Count - shown.Count} more bars not shown\n");
        if (skipped.Count > 0) sb.Append("(also ").Append(string.Join(", ", skipped.Distinct())).Append(" traces, not drawn here)\n");
        return sb.ToString();
    }

    private static void AddPairs(List<(string Label, double Value, double? Share)> bars, string prefix, JsonElement trace, string labels, string values)
    {
        if (!trace.TryGetProperty(labels, out var l) || !trace.TryGetProperty(values, out var v)) return;
        if (l.ValueKind != JsonValueKind.Array || v.ValueKind != JsonValueKind.Array) return;
        var names = l.EnumerateArray().ToList();
        var numbers = v.EnumerateArray().ToList();
        for (var i = 0; i < Math.Min(names.Count, numbers.Count); i++)
        {
            if (numbers[i].ValueKind != JsonValueKind.Number) continue;
            var label = names[i].ValueKind switch
            {
                JsonValueKind.String => names[i].GetString()!,
                JsonValueKind.Null => "NULL",
                _ => names[i].GetRawText(),
            };
            bars.Add((prefix + TerminalText.Visible(label).ReplaceLineEndings(" "), numbers[i].GetDouble(), null));
        }
    }

    private static string Bar(double cells)
    {
        var whole = (int)Math.Floor(cells);
        var eighths = (int)Math.Round((cells - whole) * 8);
        if (eighths == 8)
        {
            whole++;
            eighths = 0;
        }
        var bar = new string(Full, whole);
        return eighths > 0 ? bar + Eighths[eighths] : bar;
    }

    private static string Fit(string text, int width)
    {
        if (TerminalText.Width(text) <= width) return text;
        var sb = new StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var w = TerminalText.Width(rune);
            if (used + w > width - 1) break;
            sb.Append(rune.ToString());
            used += w;
        }
        return sb.Append('…').ToString();
    }

    private static string Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? value.ToString("N0", CultureInfo.InvariantCulture)
            : value.ToString("#,##0.##", CultureInfo.InvariantCulture);
}
