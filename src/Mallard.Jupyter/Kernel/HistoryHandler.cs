using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mallard.Jupyter.Kernel;

/// <summary><c>history_request</c>: range, tail and search over this kernel's cells.</summary>
internal sealed class HistoryHandler(JupyterKernel kernel) : IRequestHandler
{
    public string MessageType => "history_request";

    public Task HandleAsync(KernelRequest request, CancellationToken cancellationToken)
    {
        var message = request.Message;
        var entries = kernel.History.Snapshot();
        var output = message.GetBool("output", false);
        IEnumerable<(int Line, string Input, string? Output)> selected = message.GetString("hist_access_type", "range") switch
        {
            "tail" => entries.TakeLast(Math.Max(0, message.GetInt("n", 10))),
            "search" => Search(entries, message.GetString("pattern", "*"), message.GetBool("unique", false), message.GetInt("n", 0)),
            _ => Range(entries, message.GetInt("session", 0), message.GetInt("start", 0), message.GetInt("stop", int.MaxValue)),
        };
        return request.ReplyAsync(JsonContent.Object(w =>
        {
            w.WriteString("status", "ok");
            w.WriteStartArray("history");
            foreach (var entry in selected) Write(w, entry, output);
            w.WriteEndArray();
        }));
    }

    private static IEnumerable<(int Line, string Input, string? Output)> Range(
        IReadOnlyList<(int Line, string Input, string? Output)> entries, int session, int start, int stop)
    {
        // Session 0 (or negative: relative) and 1 both mean this kernel: it keeps no older sessions.
        if (session > KernelHistory.SessionNumber) return [];
        return entries.Where(e => e.Line >= start && e.Line < stop);
    }

    private static IEnumerable<(int Line, string Input, string? Output)> Search(
        IReadOnlyList<(int Line, string Input, string? Output)> entries, string pattern, bool unique, int n)
    {
        // The pattern is a glob, as in IPython: * any text, ? one character.
        var regex = new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var matches = entries.Where(e => regex.IsMatch(e.Input));
        if (unique) matches = matches.Reverse().DistinctBy(e => e.Input).Reverse();
        return n > 0 ? matches.TakeLast(n) : matches;
    }

    private static void Write(Utf8JsonWriter w, (int Line, string Input, string? Output) entry, bool output)
    {
        w.WriteStartArray();
        w.WriteNumberValue(KernelHistory.SessionNumber);
        w.WriteNumberValue(entry.Line);
        if (output)
        {
            w.WriteStartArray();
            w.WriteStringValue(entry.Input);
            if (entry.Output is null) w.WriteNullValue();
            else w.WriteStringValue(entry.Output);
            w.WriteEndArray();
        }
        else
        {
            w.WriteStringValue(entry.Input);
        }
        w.WriteEndArray();
    }
}
