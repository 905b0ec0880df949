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
            return Result(wordStart, position, word, MagicCatalog.Forms.Select(m => new CompletionItem(m, "magic", MagicCatalog.Find(m.TrimStart('#', '!', '%'))?.Spec.Summary)));
        }
        var command = MagicCatalog.Find(before[0].TrimStart('#', '!', '%'));
        if (command is null) return CompletionResult.None(position);
        var spec = command.Spec;
        var previous = before[^1];
        if (previous.StartsWith("--", StringComparison.Ordinal) && spec.Find(previous[2..]) is { Kind: not MagicOptionKind.Flag } option)
        {
            var values = option.Values?.Invoke(session, before) ?? [];
            return Result(wordStart, position, word, values.DistinctBy(v => v.Text));
        }
        if (word.StartsWith('-') || line.EndsWith(' '))
        {
            var used = before.Where(b => b.StartsWith("--", StringComparison.Ordinal)).Select(b => b[2..].Split('=')[0]).ToHashSet();
            var options = spec.Options.Where(o => !used.Contains(o.Name)).Select(o => new CompletionItem("--" + o.Name, "option", o.Help));
            var positionals = before.Length - 1 - before.Skip(1).Count(b => b.StartsWith("--", StringComparison.Ordinal));
            var kinds = command.CompletePositional(session, positionals);
            return Result(wordStart, position, word, word.StartsWith('-') ? options : kinds.Concat(options));
        }
        return CompletionResult.None(position);
    }

    public static MagicSpec? SpecAt(string code, CellRegion region)
    {
        var first = code[region.Start..region.End].TrimStart().Split([' ', '\t'], 2)[0];
        return MagicCatalog.Find(first.TrimStart('#', '!', '%'))?.Spec;
    }

    private static CompletionResult Result(int start, int end, string word, IEnumerable<CompletionItem> items) =>
        new(start, end, [.. items.Where(i => i.Text.StartsWith(word, StringComparison.OrdinalIgnoreCase))]);
}
