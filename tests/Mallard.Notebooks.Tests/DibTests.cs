namespace Mallard.Notebooks.Tests;

/// <summary>Polyglot Notebooks .dib files: read, written back unchanged, and converted to and from Mallard .ipynb notebooks.</summary>
public sealed class DibTests
{
    private static readonly string FixtureText = File.ReadAllText(Jupyter.Fixture("polyglot.dib"));

    [Fact]
    public void A_polyglot_file_splits_on_kernel_lines_and_keeps_other_magics_in_the_cell()
    {
        var document = DibReader.Parse(FixtureText);

        Assert.Equal(["markdown", "csharp", "sql", "sql-warehouse", "csharp", "fsharp", "markdown"], document.Cells.Select(c => c.KernelName));
        Assert.Equal("csharp", document.DefaultKernelName);
        Assert.StartsWith("#r \"nuget: Some.Package, 1.0.0\"", document.Cells[1].Content, StringComparison.Ordinal);
        Assert.StartsWith("#!time\n", document.Cells[4].Content, StringComparison.Ordinal);
        // A blank line inside a cell stays; those around it go.
        Assert.Contains("i++)\n\n{", document.Cells[4].Content, StringComparison.Ordinal);
        Assert.EndsWith("total", document.Cells[4].Content, StringComparison.Ordinal);
    }

    [Fact]
    public void A_polyglot_file_is_written_back_unchanged()
    {
        Assert.Equal(FixtureText, DibWriter.ToText(DibReader.Parse(FixtureText)));
    }

    [Fact]
    public void Converting_to_ipynb_and_back_gives_the_same_file()
    {
        var notebook = DibConverter.ToNotebook(DibReader.Parse(FixtureText));
        var path = Path.Combine(Jupyter.ScratchDirectory("dib"), "converted.ipynb");
        NotebookWriter.Write(notebook, path);

        var back = DibConverter.ToDib(NotebookReader.Read(path), out var warnings);

        Assert.Equal(FixtureText, DibWriter.ToText(back));
        Assert.Empty(warnings);
    }

    [Fact]
    public void The_converted_notebook_is_valid_and_runs_sql_cells_through_the_sql_magic()
    {
        var notebook = DibConverter.ToNotebook(DibReader.Parse(FixtureText));
        var path = Path.Combine(Jupyter.ScratchDirectory("dib"), "converted.ipynb");
        NotebookWriter.Write(notebook, path);

        Jupyter.Validate(path);
        Assert.Equal("mallard", notebook.Metadata["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal(
            [NotebookCellType.Markdown, NotebookCellType.Code, NotebookCellType.Code, NotebookCellType.Code, NotebookCellType.Code, NotebookCellType.Code, NotebookCellType.Markdown],
            notebook.Cells.Select(c => c.CellType));
        Assert.StartsWith("# Customer segments\n", notebook.Cells[0].Source, StringComparison.Ordinal);
        Assert.StartsWith("#r \"nuget", notebook.Cells[1].Source, StringComparison.Ordinal);
        Assert.StartsWith("#!sql\nSELECT segment", notebook.Cells[2].Source, StringComparison.Ordinal);
        Assert.Equal("#!sql --connection warehouse\nSELECT 42 AS answer;", notebook.Cells[3].Source);
        Assert.StartsWith("#!time\n", notebook.Cells[4].Source, StringComparison.Ordinal);
        Assert.Equal("#!fsharp\nlet x = 1 + 1", notebook.Cells[5].Source);
    }

    [Fact]
    public void A_plain_mallard_notebook_becomes_csharp_sql_and_markdown_cells()
    {
        var notebook = Notebook.CreateForMallard();
        notebook.Cells.Add(NotebookCell.Markdown("# Title"));
        notebook.Cells.Add(NotebookCell.Code("var n = 3;\n"));
        notebook.Cells.Add(NotebookCell.Code("#!sql --connection pg\nSELECT 1;"));
        notebook.Cells.Add(NotebookCell.Code("%%sql --name top\nSELECT 2;"));
        notebook.Cells.Add(NotebookCell.Raw("raw text"));
        notebook.Cells[1].Outputs.Add(new StreamOutput("stdout", "x"));

        var dib = DibConverter.ToDib(notebook, out var warnings);
        var text = DibWriter.ToText(dib);

        Assert.Equal(["markdown", "csharp", "sql-pg", "sql", "markdown"], dib.Cells.Select(c => c.KernelName));
        Assert.Equal("SELECT 1;", dib.Cells[2].Content);
        Assert.Contains(warnings, w => w.Contains("'--name'", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("raw cell", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("Outputs are not kept", StringComparison.Ordinal));
        // The sql-pg kernel is declared in #!meta, so reading the file splits on it again.
        Assert.Equal(["markdown", "csharp", "sql-pg", "sql", "markdown"], DibReader.Parse(text).Cells.Select(c => c.KernelName));
        Assert.StartsWith("#!meta\n\n{\"kernelInfo\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_meta_cell_is_a_clear_error()
    {
        var e = Assert.Throws<NotebookFormatException>(() => DibReader.Parse("#!meta\n\n{\"kernelInfo\":\n\n#!csharp\n\n1"));
        Assert.Contains("#!meta cell (line 1) is not valid JSON", e.Message, StringComparison.Ordinal);
    }
}
