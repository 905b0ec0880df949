using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mallard.Repl.Rendering;

/// <summary>
/// A Plotly figure (its JSON) drawn in the terminal. Bars: one per category of a bar trace, per slice of a pie (with its
/// share) and per bin of a histogram. Lines, areas (stacked as the chart stacks them) and scatter points: a plot in braille
/// dots with every point, the y range at the left and the first and last x below. Kinds neither can show (heatmaps) get a
/// line that says so and points at <c>--html</c>.
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
        var plotted = new List<PlotSeries>();
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
                else if (type == "bar")
                {
                    var horizontal = trace.TryGetProperty("orientation", out var o) && o.GetString() == "h";
                    if (horizontal) AddPairs(bars, prefix, trace, "y", "x");
                    else AddPairs(bars, prefix, trace, "x", "y");
                }
                else if (type is "scatter" or "scattergl")
                {
                    var mode = trace.TryGetProperty("mode", out var m) ? m.GetString() ?? "" : "lines";
                    var stack = trace.TryGetProperty("stackgroup", out var sg) ? sg.GetString() : null;
                    if (Series(trace, name ?? "", mode.Contains("lines", StringComparison.Ordinal) || stack is not null, stack) is { } series) plotted.Add(series);
                }
                else if (type == "histogram")
                {
                    AddBins(bars, prefix, trace);
                }
                else
                {
                    skipped.Add(type);
                }
            }
        }
        if (plotted.Count > 0) Plot(sb, plotted, width);
        if (bars.Count == 0)
        {
            if (plotted.Count > 0)
            {
                if (skipped.Count > 0) sb.Append("(also ").Append(string.Join(", ", skipped.Distinct())).Append(" traces, not drawn here)\n");
                return sb.ToString();
            }
            var kinds = skipped.Count > 0 ? string.Join(", ", skipped.Distinct()) : "empty";
            sb.Append(CultureInfo.InvariantCulture, $"(a {kinds} chart: the terminal shows bar, line, scatter, area, pie and histogram charts; write it with --html PATH to see it)\n");
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

    /// <summary>One line or set of points: its name, its x labels (or numbers) and values, whether its points are joined.</summary>
    private sealed record PlotSeries(string Name, List<string> Labels, List<double?> Numbers, List<double> Values, bool Joined, string? Stack);

    private static PlotSeries? Series(JsonElement trace, string name, bool joined, string? stack)
    {
        if (!trace.TryGetProperty("x", out var x) || !trace.TryGetProperty("y", out var y)) return null;
        if (x.ValueKind != JsonValueKind.Array || y.ValueKind != JsonValueKind.Array) return null;
        var xs = x.EnumerateArray().ToList();
        var ys = y.EnumerateArray().ToList();
        var series = new PlotSeries(name, [], [], [], joined, stack);
        for (var i = 0; i < Math.Min(xs.Count, ys.Count); i++)
        {
            if (ys[i].ValueKind != JsonValueKind.Number) continue;
            series.Labels.Add(xs[i].ValueKind == JsonValueKind.String ? xs[i].GetString()! : xs[i].GetRawText());
            series.Numbers.Add(xs[i].ValueKind == JsonValueKind.Number ? xs[i].GetDouble() : null);
            series.Values.Add(ys[i].GetDouble());
        }
        return series.Values.Count == 0 ? null : series;
    }

    /// <summary>A histogram's bins as bars: equal-width ranges of its numbers (nbinsx of them, else about √n up to 20), or a count per value.</summary>
    private static void AddBins(List<(string Label, double Value, double? Share)> bars, string prefix, JsonElement trace)
    {
        if (!trace.TryGetProperty("x", out var x) || x.ValueKind != JsonValueKind.Array) return;
        var values = x.EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).ToList();
        if (values.Count == 0) return;
        if (values.All(v => v.ValueKind == JsonValueKind.Number))
        {
            var numbers = values.Select(v => v.GetDouble()).ToList();
            var (min, max) = (numbers.Min(), numbers.Max());
            var wanted = trace.TryGetProperty("nbinsx", out var nb) && nb.ValueKind == JsonValueKind.Number ? nb.GetInt32() : (int)Math.Ceiling(Math.Sqrt(numbers.Count));
            var count = Math.Clamp(wanted, 1, MaxBars);
            if (max == min) count = 1;
            var size = max == min ? 1 : (max - min) / count;
            var counts = new int[count];
            foreach (var n in numbers) counts[Math.Min(count - 1, (int)((n - min) / size))]++;
            for (var i = 0; i < count; i++)
            {
                var low = min + i * size;
                var high = i == count - 1 ? max : min + (i + 1) * size;
                bars.Add((prefix + Number(low) + " – " + Number(high), counts[i], null));
            }
        }
        else
        {
            foreach (var group in values.Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).GroupBy(v => v, StringComparer.Ordinal))
                bars.Add((prefix + TerminalText.Visible(group.Key), group.Count(), null));
        }
    }

    /// <summary>
    /// Lines and points in braille dots (two across, four down per character): every point placed, consecutive points of a
    /// line joined, areas of one stack group stacked; the y range at the left, the first and last x below.
    /// </summary>
    private static void Plot(StringBuilder sb, List<PlotSeries> series, int width)
    {
        const int rows = 12;
        // Areas of one stack group add up per x, as the chart draws them.
        var stacked = new Dictionary<(string Group, string X), double>();
        var plotted = series.Select(s =>
        {
            if (s.Stack is null) return s.Values;
            var values = new List<double>(s.Values.Count);
            for (var i = 0; i < s.Values.Count; i++)
            {
                var key = (s.Stack, s.Labels[i]);
                var total = stacked.GetValueOrDefault(key) + s.Values[i];
                stacked[key] = total;
                values.Add(total);
            }
            return values;
        }).ToList();
        var all = plotted.SelectMany(v => v).ToList();
        var (low, high) = (Math.Min(0, all.Min()), all.Max());
        if (low == high) high = low + 1;
        var numericX = series.All(s => s.Numbers.All(n => n is not null));
        // Categories (months, names) in the order they first come; numbers by their value.
        var categories = numericX ? [] : series.SelectMany(s => s.Labels).Distinct(StringComparer.Ordinal).ToList();
        // Dates (months of several series, say) go in time order, whichever series names them first.
        if (categories.All(c => DateTime.TryParse(c, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)))
            categories = [.. categories.OrderBy(c => DateTime.Parse(c, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind))];
        var position = categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var (xLow, xHigh) = numericX ? (series.Min(s => s.Numbers.Min()!.Value), series.Max(s => s.Numbers.Max()!.Value)) : (0, Math.Max(1, categories.Count - 1));
        if (xLow == xHigh) xHigh = xLow + 1;

        var labels = new[] { Number(high), Number((high + low) / 2), Number(low) };
        var labelWidth = labels.Max(l => l.Length);
        var columns = Math.Max(10, width - labelWidth - 3);
        var (dotsX, dotsY) = (columns * 2, rows * 4);
        var dots = new bool[dotsY, dotsX];
        for (var k = 0; k < series.Count; k++)
        {
            var s = series[k];
            (int X, int Y)? previous = null;
            for (var i = 0; i < s.Values.Count; i++)
            {
                var xValue = numericX ? s.Numbers[i]!.Value : position[s.Labels[i]];
                var dx = (int)Math.Round((xValue - xLow) / (xHigh - xLow) * (dotsX - 1));
                var dy = dotsY - 1 - (int)Math.Round((plotted[k][i] - low) / (high - low) * (dotsY - 1));
                if (s.Joined && previous is { } p) Join(dots, p.X, p.Y, dx, dy);
                dots[dy, dx] = true;
                previous = (dx, dy);
            }
        }
        for (var row = 0; row < rows; row++)
        {
            var label = row == 0 ? labels[0] : row == rows / 2 ? labels[1] : row == rows - 1 ? labels[2] : "";
            sb.Append(label.PadLeft(labelWidth)).Append(label.Length > 0 ? " ┤" : " │");
            var line = new StringBuilder(columns);
            for (var column = 0; column < columns; column++)
            {
                var bits = 0;
                for (var dy = 0; dy < 4; dy++)
                    for (var dx = 0; dx < 2; dx++)
                        if (dots[row * 4 + dy, column * 2 + dx]) bits |= BrailleBit(dx, dy);
                line.Append(bits == 0 ? ' ' : (char)(0x2800 + bits));
            }
            sb.Append(line.ToString().TrimEnd()).Append('\n');
        }
        sb.Append(' ', labelWidth + 1).Append('└').Append('─', columns).Append('\n');
        var first = numericX ? Number(xLow) : categories[0];
        var last = numericX ? Number(xHigh) : categories[^1];
        var axis = new string(' ', labelWidth + 2) + first;
        var gap = labelWidth + 2 + columns - axis.Length - last.Length;
        sb.Append(axis).Append(' ', Math.Max(1, gap)).Append(last).Append('\n');
        var named = series.Select(s => s.Name).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (named.Count > 1) sb.Append(CultureInfo.InvariantCulture, $"({named.Count} series: {string.Join(", ", named)}; --html PATH tells them apart by colour)\n");
    }

    /// <summary>The bit of a braille character (U+2800 + bits) for the dot at column <paramref name="dx"/> (0, 1) and row <paramref name="dy"/> (0 to 3).</summary>
    private static int BrailleBit(int dx, int dy) => (dx, dy) switch
    {
        (0, 0) => 0x01, (0, 1) => 0x02, (0, 2) => 0x04, (0, 3) => 0x40,
        (1, 0) => 0x08, (1, 1) => 0x10, (1, 2) => 0x20, _ => 0x80,
    };

    /// <summary>The dots of a straight line between two dots (Bresenham's).</summary>
    private static void Join(bool[,] dots, int x0, int y0, int x1, int y1)
    {
        var (dx, dy) = (Math.Abs(x1 - x0), -Math.Abs(y1 - y0));
        var (sx, sy) = (x0 < x1 ? 1 : -1, y0 < y1 ? 1 : -1);
        var error = dx + dy;
        while (true)
        {
            dots[y0, x0] = true;
            if (x0 == x1 && y0 == y1) return;
            var twice = 2 * error;
            if (twice >= dy)
            {
                error += dy;
                x0 += sx;
            }
            if (twice <= dx)
            {
                error += dx;
                y0 += sy;
            }
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
