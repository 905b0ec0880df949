namespace Mallard.Notebooks.Tests;

/// <summary>The per-cell report of a Polyglot notebook converted for the Mallard kernel.</summary>
public sealed class ConversionReportTests
{
    private const string Polyglot = """
        #!meta

        {"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"},{"aliases":[],"languageName":"SQL","name":"wh"},{"aliases":[],"languageName":"SQL","name":"sql-pg"}]}}

        #!markdown

        # A notebook

        #!csharp

        #r "nuget: Microsoft.DotNet.Interactive.DuckDB, *-*"

        #!csharp

        #!connect duckdb --kernel-name wh "Data Source=wh.duckdb"

        #!wh

        SELECT 1

        #!sql-pg

        SELECT 2

        #!sql

        #!sql --name x
        SELECT 3

        #!fsharp

        let a = 1

        #!html

        <b>hi</b>
        """;

    [Fact]
    public void Each_cell_says_whether_it_was_kept_rewritten_or_is_unsupported()
    {
        var report = ConversionReport.For(DibReader.Parse(Polyglot));

        Assert.Equal(["markdown", "csharp", "csharp", "wh", "sql-pg", "sql", "fsharp", "html"], report.Select(c => c.Kernel));
        Assert.Equal(
            [ConversionStatus.Kept, ConversionStatus.Kept, ConversionStatus.Kept, ConversionStatus.Rewritten, ConversionStatus.Rewritten,
             ConversionStatus.Kept, ConversionStatus.Unsupported, ConversionStatus.Rewritten],
            report.Select(c => c.Status));
        Assert.Contains("Microsoft.DotNet.Interactive.DuckDB: built into Mallard", report[1].Note, StringComparison.Ordinal);
        Assert.Contains("#!sql --connection pg", report[4].Note, StringComparison.Ordinal);
        Assert.Contains("F#", report[6].Note, StringComparison.Ordinal);

        var text = ConversionReport.Format(report);
        Assert.EndsWith("8 cells: 4 kept, 3 rewritten, 1 unsupported.\n", text, StringComparison.Ordinal);
        Assert.Contains("cell   7  fsharp    unsupported  F#: Mallard runs C# and SQL", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" \n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sql_cell_that_addresses_its_own_kernel_is_not_given_a_second_magic_line()
    {
        var notebook = DibConverter.ToNotebook(DibReader.Parse(Polyglot));
        var sql = notebook.Cells.Single(c => c.Source.Contains("SELECT 3", StringComparison.Ordinal));
        Assert.Equal("#!sql --name x\nSELECT 3", sql.Source);
        var wh = notebook.Cells.Single(c => c.Source.Contains("SELECT 1", StringComparison.Ordinal));
        Assert.Equal("#!wh\nSELECT 1", wh.Source);
    }
}
