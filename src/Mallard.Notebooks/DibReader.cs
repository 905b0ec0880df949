using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mallard.Notebooks;

/// <summary>
/// Reads Polyglot Notebooks <c>.dib</c> files. A line <c>#!NAME</c> starts a new cell when NAME is a
/// kernel name or alias: the built-in ones (csharp, fsharp, pwsh, javascript, html, sql, kql, mermaid,
/// http, value, markdown and their aliases) and those the <c>#!meta</c> kernelInfo lists (for example
/// <c>sql-adventureworks</c>). Any other <c>#!</c> line (<c>#!connect</c>, <c>#!set</c>, <c>#!time</c>) is part of
/// the cell's text. Leading and trailing blank lines of a cell are dropped; empty cells are skipped.
/// </summary>
public static class DibReader
{
    private static readonly (string Name, string[] Aliases)[] BuiltIn =
    [
        ("csharp", ["c#", "C#", "cs"]),
        ("fsharp", ["f#", "F#", "fs"]),
        ("pwsh", ["powershell"]),
        ("javascript", ["js"]),
        ("html", []),
        ("sql", []),
        ("kql", []),
        ("mermaid", []),
        ("http", []),
        ("value", []),
        ("markdown", ["md"]),
    ];

    /// <summary>Reads the <c>.dib</c> file at <paramref name="path"/>.</summary>
    public static DibDocument Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookFormatException($"Cannot read {path}: {e.Message}", e);
        }
        catch (NotebookFormatException e)
        {
            throw new NotebookFormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Parses <c>.dib</c> text.</summary>
    public static DibDocument Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var document = new DibDocument();

        // The meta cell comes first and names the kernels that split the rest.
        var start = 0;
        while (start < lines.Length && lines[start].Trim().Length == 0) start++;
        if (start < lines.Length && lines[start].TrimEnd() == "#!meta")
        {
            var end = start + 1;
            while (end < lines.Length && !lines[end].StartsWith("#!", StringComparison.Ordinal)) end++;
            var json = string.Join("\n", lines[(start + 1)..end]).Trim();
            try
            {
                document.Meta = JsonNode.Parse(json) as JsonObject
                    ?? throw new NotebookFormatException("The #!meta cell does not hold a JSON object.");
            }
            catch (JsonException e)
            {
                throw new NotebookFormatException($"The #!meta cell (line {start + 1}) is not valid JSON: {e.Message}", e);
            }
            start = end;
        }

        var names = KernelNames(document.Meta);
        var kernel = document.DefaultKernelName;
        var current = new List<string>();
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("#!", StringComparison.Ordinal) && names.TryGetValue(line[2..].TrimEnd(), out var name))
            {
                Add(document, kernel, current);
                kernel = name;
                current.Clear();
            }
            else
            {
                current.Add(line);
            }
        }
        Add(document, kernel, current);
        return document;
    }

    /// <summary>Kernel names and aliases that start a cell, mapped to the kernel name.</summary>
    internal static Dictionary<string, string> KernelNames(JsonObject? meta)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, aliases) in BuiltIn)
        {
            names[name] = name;
            foreach (var alias in aliases) names[alias] = name;
        }
        if (meta?["kernelInfo"]?["items"] is JsonArray items)
        {
            foreach (var item in items.OfType<JsonObject>())
            {
                if (item["name"] is not JsonValue n || !n.TryGetValue(out string? name) || name.Length == 0) continue;
                names[name] = name;
                if (item["aliases"] is JsonArray aliases)
                {
                    foreach (var alias in aliases.OfType<JsonValue>())
                        if (alias.TryGetValue(out string? a) && a.Length > 0) names[a] = name;
                }
            }
        }
        return names;
    }

    private static void Add(DibDocument document, string kernel, List<string> lines)
    {
        var first = lines.FindIndex(l => l.Trim().Length > 0);
        if (first < 0) return;
        var last = lines.FindLastIndex(l => l.Trim().Length > 0);
        document.Cells.Add(new DibCell(kernel, string.Join("\n", lines[first..(last + 1)])));
    }
}
