using Mallard.Engine.Magics;

namespace Mallard.Engine.Completion;

/// <summary>Completion on a magic line: magic names, options, and the values some options take.</summary>
internal static class MagicCompletion
{
    public static CompletionResult Complete(string code, int position, CellRegion region, Session session)
    {
        var line = code[region.Start..position];
        var wordStart = position;
        while (wordStart > region.Start && !char.IsWhiteSpace(code[wordStart - 1])) wordStart--;
        var word = code[wordStart..position];
        var before = code[region.Start..wordStart].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

        if (before.Length == 0)
        {
            var magics = MagicCatalog.All.Select(m => "#!" + m.Name).Append("%%sql");
            return Result(wordStart, position, word, magics.Select(m => new CompletionItem(m, "magic", MagicCatalog.Find(m.TrimStart('#', '!', '%'))?.Summary)));
        }
        var spec = MagicCatalog.Find(before[0].TrimStart('#', '!', '%'));
        if (spec is null) return CompletionResult.None(position);
        var previous = before[^1];
        if (previous.StartsWith("--", StringComparison.Ordinal) && spec.Find(previous[2..]) is { Kind: not MagicOptionKind.Flag } option)
        {
            IEnumerable<string> values = option.Name switch
            {
                "connection" => session.ConnectionNames,
                "data" => session.VariableTypes.Where(v => Session.IsFrameLike(v.Type)).Select(v => v.Name),
                "x" or "y" or "z" or "color" => ColumnsOf(session, before),
                _ => [],
            };
            return Result(wordStart, position, word, values.Distinct().Select(v => new CompletionItem(v, option.Name == "connection" ? "connection" : option.Name == "data" ? "variable" : "column")));
        }
        if (word.StartsWith('-') || line.EndsWith(' '))
        {
            var used = before.Where(b => b.StartsWith("--", StringComparison.Ordinal)).Select(b => b[2..].Split('=')[0]).ToHashSet();
            var options = spec.Options.Where(o => !used.Contains(o.Name)).Select(o => new CompletionItem("--" + o.Name, "option", o.Help));
            var positionals = before.Length - 1 - before.Skip(1).Count(b => b.StartsWith("--", StringComparison.Ordinal));
            IEnumerable<CompletionItem> kinds = spec.Name switch
            {
                "chart" when positionals == 0 => MagicCatalog.ChartKinds.Select(k => new CompletionItem(k, "value")),
                "connect" when positionals == 0 => session.ConnectionKinds.Select(k => new CompletionItem(k, "value")),
                _ => [],
            };
            return Result(wordStart, position, word, word.StartsWith('-') ? options : kinds.Concat(options));
        }
        return CompletionResult.None(position);
    }

    public static MagicSpec? SpecAt(string code, CellRegion region)
    {
        var first = code[region.Start..region.End].TrimStart().Split([' ', '\t'], 2)[0];
        return MagicCatalog.Find(first.TrimStart('#', '!', '%'));
    }

    private static IEnumerable<string> ColumnsOf(Session session, string[] before)
    {
        var data = Array.IndexOf(before, "--data");
        if (data < 0 || data + 1 >= before.Length) return [];
        var name = before[data + 1];
        var variable = session.Variables.LastOrDefault(v => v.Name == name);
        return variable?.Value is Mallard.Data.Frame frame ? frame.ColumnNames : [];
    }

    private static CompletionResult Result(int start, int end, string word, IEnumerable<CompletionItem> items) =>
        new(start, end, [.. items.Where(i => i.Text.StartsWith(word, StringComparison.OrdinalIgnoreCase))]);
}
