using System.Collections.Immutable;
using System.Globalization;
using Mallard.Engine.Internal;
using Microsoft.CodeAnalysis;

namespace Mallard.Engine.Scripting;

/// <summary>C# compilation errors as <see cref="CellError"/>s, positioned in the cell's own numbering with the offending line and a caret.</summary>
internal static class CompilationErrors
{
    private const int MaxDiagnostics = 10;

    public static CellError From(ImmutableArray<Diagnostic> diagnostics, string cell, int lineOffset)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(MaxDiagnostics).ToList();
        var described = errors.Select(d => Describe(d, lineOffset)).ToList();
        var lines = new List<string>();
        int? firstLine = null, firstColumn = null;
        foreach (var (d, text) in errors.Zip(described))
        {
            lines.Add(text.Text);
            if (text.Line is { } l && text.InCell)
            {
                firstLine ??= l + 1;
                firstColumn ??= text.Column + 1;
                ErrorFormatter.AddContext(lines, cell, l, text.Column);
            }
        }
        var count = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        if (count > MaxDiagnostics) lines.Add($"... and {count - MaxDiagnostics} more errors.");
        var message = described.Count > 0 ? described[0].Text : "The cell did not compile.";
        return new CellError(CellErrorKind.Compilation, "CompilationError", message, lines, firstLine, firstColumn);
    }

    private static (string Text, int? Line, int Column, bool InCell) Describe(Diagnostic d, int lineOffset)
    {
        var span = d.Location.GetMappedLineSpan();
        var file = span.Path;
        var inCell = string.IsNullOrEmpty(file) || Path.GetFileName(file) == CSharpEngine.CellFileName;
        if (!d.Location.IsInSource) return ($"error {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}", null, 0, false);
        var line = span.StartLinePosition.Line + (inCell ? lineOffset : 0);
        var column = span.StartLinePosition.Character;
        var where = inCell ? "" : file + " ";
        return ($"{where}({line + 1},{column + 1}): error {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}", line, column, inCell);
    }
}
