using System.Globalization;
using System.Text;
using Mallard.Data;

namespace Mallard.Warehouse;

/// <summary>The results of a set of quality checks.</summary>
public sealed record QualityReport(IReadOnlyList<QualityCheckResult> Results)
{
    public bool Passed => Results.All(r => r.Passed);

    public IReadOnlyList<QualityCheckResult> Failures => Results.Where(r => !r.Passed).ToArray();

    /// <summary>
    /// A plain-text report: a count of checks passed, then for each failure the check, the table and column,
    /// the rule, the number of offending rows and a sample of them.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        var failures = Failures;
        text.Append(CultureInfo.InvariantCulture, $"{Results.Count - failures.Count} of {Results.Count} quality checks passed");
        text.AppendLine(failures.Count == 0 ? "." : $"; {failures.Count} failed:");
        foreach (var failure in failures)
        {
            var check = failure.Check;
            text.Append(CultureInfo.InvariantCulture, $"FAIL {check.Label}: {check.Description}");
            if (failure.Error is not null)
            {
                text.AppendLine().Append("  could not run: ").AppendLine(failure.Error);
                continue;
            }
            text.AppendLine(CultureInfo.InvariantCulture, $" ({failure.FailingRows:N0} offending row{(failure.FailingRows == 1 ? "" : "s")})");
            // The checked columns first, so the offending values show even in wide rows.
            var sample = Prioritise(failure.Sample, check.Column);
            for (var row = 0; row < sample.RowCount; row++)
                text.Append("  ").AppendLine(FormatRow(sample, row));
        }
        return text.ToString();
    }

    private static Frame Prioritise(Frame frame, string? columns)
    {
        if (columns is null) return frame;
        var first = columns.Split(", ").Where(c => frame.IndexOf(c) >= 0).ToArray();
        return frame.Select([.. first, .. frame.ColumnNames.Where(c => !first.Contains(c, StringComparer.Ordinal))]);
    }

    private static string FormatRow(Frame frame, int row)
    {
        const int maxLength = 300;
        var line = new StringBuilder();
        foreach (var column in frame.Columns)
        {
            if (line.Length > 0) line.Append(", ");
            line.Append(column.Name).Append('=').Append(column.IsNull(row) ? "NULL" : ValueText.Format(column, row));
            if (line.Length > maxLength) return line.ToString(0, maxLength) + "…";
        }
        return line.ToString();
    }
}
