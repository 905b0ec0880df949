using System.Text.Json.Nodes;

namespace Mallard.Notebooks.Tests;

/// <summary>Reading and writing .ipynb: notebooks Jupyter wrote come back as the same bytes, and bad files are named clearly.</summary>
public sealed class FormatTests
{
    [Fact]
    public void A_notebook_executed_by_nbclient_is_written_back_byte_for_byte()
    {
        var path = Jupyter.Fixture("python_executed.ipynb");
        var original = File.ReadAllText(path);

        var written = NotebookWriter.ToJson(NotebookReader.Read(path));

        Assert.Equal(original, written);
    }

    [Fact]
    public void A_notebook_nbformat_writes_now_is_written_back_byte_for_byte()
    {
        // Written fresh by the installed nbformat: text with every kind of character Python's JSON escapes or keeps,
        // attachments, nested metadata with numbers, an empty cell, CRLF and lone CR inside text.
        var directory = Jupyter.ScratchDirectory("nbformat");
        var path = Path.Combine(directory, "fresh.ipynb");
        Jupyter.Run("""
            import sys, nbformat
            from nbformat.v4 import new_notebook, new_code_cell, new_markdown_cell, new_raw_cell, new_output
            nb = new_notebook(metadata={"kernelspec": {"name": "x", "display_name": "X", "language": "y"}, "zeta": [1e-9, 12345678901234, -0.5, True, None], "alpha": {"é": "ü"}})
            md = new_markdown_cell("![img](attachment:a.png)\nline two\r\nline three\rend", attachments={"a.png": {"image/png": "iVBORw0KGgo=\n", "text/plain": "a\nb"}})
            code = new_code_cell("x = '\\u0001\\t\"\\\\'\n\n", execution_count=7, outputs=[
                new_output("stream", name="stdout", text="a\nb\n\nc"),
                new_output("execute_result", {"text/plain": "1\n2", "image/svg+xml": "<svg>\n</svg>", "application/json": {"k": [1, {"z": 2, "a": "</script>"}]}}, execution_count=7, metadata={"isolated": True}),
                new_output("error", ename="E", evalue="bad \u2028 thing", traceback=["line 1", "\u001b[0;31mred\u001b[0m"]),
            ], metadata={"tags": ["a", "b"], "collapsed": False})
            nb.cells = [md, code, new_code_cell(""), new_raw_cell("", metadata={"format": "text/latex"})]
            nbformat.write(nb, sys.argv[1])
            """, path);
        var original = File.ReadAllText(path);

        var notebook = NotebookReader.Read(path);
        Assert.Equal("line two\r\nline three\rend", notebook.Cells[0].Source[(notebook.Cells[0].Source.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
        Assert.Equal(7, notebook.Cells[1].ExecutionCount);
        Assert.Equal(["a", "b"], notebook.Cells[1].Tags);
        Assert.Equal("1\n2", ((ExecuteResultOutput)notebook.Cells[1].Outputs[1]).GetText("text/plain"));

        Assert.Equal(original, NotebookWriter.ToJson(notebook));
    }

    [Fact]
    public void Reading_keeps_every_kind_of_output()
    {
        var notebook = NotebookReader.Read(Jupyter.Fixture("python_executed.ipynb"));

        Assert.Equal(4, notebook.FormatMajor);
        Assert.Equal(5, notebook.FormatMinor);
        Assert.Equal("python", notebook.Metadata["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal("z", notebook.Metadata["custom_meta"]!["a"]!.GetValue<string>());
        Assert.Equal([NotebookCellType.Markdown, NotebookCellType.Code, NotebookCellType.Code, NotebookCellType.Code, NotebookCellType.Raw, NotebookCellType.Code],
            notebook.Cells.Select(c => c.CellType));
        var first = notebook.Cells[1];
        Assert.Equal(["stream", "stream", "execute_result"], first.Outputs.Select(o => o.OutputType));
        Assert.Equal("hello\nworld\n", ((StreamOutput)first.Outputs[0]).Text);
        Assert.Equal("stderr", ((StreamOutput)first.Outputs[1]).Name);
        Assert.True(first.HasTag("parameters"));
        var displays = notebook.Cells[2].Outputs.Cast<DisplayDataOutput>().ToList();
        Assert.Equal("<table><tr><td>&lt;x&gt;</td></tr></table>", displays[0].GetText("text/html"));
        Assert.IsType<JsonObject>(displays[1].Data["application/vnd.plotly.v1+json"]);
        Assert.Null(notebook.Cells[3].ExecutionCount);
        var error = Assert.IsType<ErrorOutput>(notebook.Cells[5].Outputs.Single());
        Assert.Equal("ZeroDivisionError", error.Name);
        Assert.NotEmpty(error.Traceback);
    }

    [Fact]
    public void A_notebook_made_in_code_is_valid_nbformat()
    {
        var notebook = Notebook.CreateForMallard();
        notebook.Cells.Add(NotebookCell.Markdown("# Title\n\ntext"));
        var code = NotebookCell.Code("var x = 1;\nx");
        code.ExecutionCount = 1;
        code.AddTag("parameters");
        code.Outputs.Add(new StreamOutput("stdout", "hi\n"));
        code.Outputs.Add(DisplayDataOutput.From(Mallard.Display.MimeBundle.Empty.WithText("text/html", "<b>x</b>").WithJson("application/vnd.plotly.v1+json", "{\"data\":[],\"layout\":{}}")));
        code.Outputs.Add(ExecuteResultOutput.From(Mallard.Display.MimeBundle.Empty.WithText("text/plain", "1"), 1));
        code.Outputs.Add(new ErrorOutput("SqlError", "bad", ["bad", "  ^"]));
        notebook.Cells.Add(code);
        notebook.Cells.Add(NotebookCell.Raw("raw"));
        var path = Path.Combine(Jupyter.ScratchDirectory("made"), "made.ipynb");

        NotebookWriter.Write(notebook, path);

        Jupyter.Validate(path);
        var again = NotebookReader.Read(path);
        Assert.Equal(NotebookWriter.ToJson(notebook), NotebookWriter.ToJson(again));
        Assert.Equal("mallard", again.Metadata["kernelspec"]!["name"]!.GetValue<string>());
        Assert.EndsWith("}\n", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_4_4_notebook_gets_cell_ids_when_upgraded()
    {
        var notebook = NotebookReader.Parse("""{"cells":[{"cell_type":"code","source":"1","metadata":{},"outputs":[],"execution_count":null},{"cell_type":"markdown","source":["a\n","b"],"metadata":{}}],"metadata":{},"nbformat":4,"nbformat_minor":4}""");
        Assert.All(notebook.Cells, c => Assert.Null(c.Id));
        Assert.Equal("a\nb", notebook.Cells[1].Source);

        notebook.UpgradeToCellIds();

        Assert.Equal(5, notebook.FormatMinor);
        Assert.All(notebook.Cells, c => Assert.True(NotebookReader.IsValidCellId(c.Id!)));
        Assert.NotEqual(notebook.Cells[0].Id, notebook.Cells[1].Id);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("""{"nbformat":3,"nbformat_minor":0,"metadata":{},"worksheets":[]}""", "nbformat 3")]
    [InlineData("""{"nbformat":4,"nbformat_minor":5,"metadata":{}}""", "no \"cells\" list")]
    [InlineData("""{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[{"cell_type":"picture","source":""}]}""", "Cell 1 has cell_type \"picture\"")]
    [InlineData("""{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[{"cell_type":"code","source":"","outputs":[{"output_type":"stream","text":"x"}]}]}""", "Output 1 of cell 1 has no \"name\"")]
    [InlineData("""{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[{"cell_type":"code","source":[1]}]}""", "line 1 of source in cell 1 is not a string")]
    public void A_malformed_notebook_is_a_clear_error(string json, string expected)
    {
        var e = Assert.Throws<NotebookFormatException>(() => NotebookReader.Parse(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
