using System.CommandLine;
using Mallard.Notebooks;

namespace Mallard.Cli;

/// <summary><c>mallard convert</c>: a Polyglot Notebooks <c>.dib</c> to an <c>.ipynb</c> for the Mallard kernel, or back.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The notebook to convert: FILE.dib becomes FILE.ipynb, FILE.ipynb becomes FILE.dib." };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the result (default: the same name with the other extension)." };
        var command = new Command("convert", "Convert a Polyglot Notebooks .dib file to an .ipynb notebook for the Mallard kernel, or an .ipynb to .dib.") { file, output };
        command.SetAction(result => Convert(result.GetValue(file)!, result.GetValue(output)));
        return command;
    }

    private static int Convert(string input, string? output)
    {
        var inputPath = Path.GetFullPath(input);
        if (!File.Exists(inputPath))
        {
            Console.Error.WriteLine($"mallard convert: there is no file at {inputPath}.");
            return 2;
        }
        var extension = Path.GetExtension(inputPath).ToLowerInvariant();
        if (extension is not (".dib" or ".ipynb"))
        {
            Console.Error.WriteLine($"mallard convert: {inputPath} is neither a .dib nor an .ipynb file.");
            return 2;
        }
        var toIpynb = extension == ".dib";
        var outputPath = Path.GetFullPath(output ?? Path.ChangeExtension(inputPath, toIpynb ? ".ipynb" : ".dib"));
        if (outputPath == inputPath)
        {
            Console.Error.WriteLine("mallard convert: the output would overwrite the input; choose another path with -o.");
            return 2;
        }
        try
        {
            int cells;
            if (toIpynb)
            {
                var document = DibReader.Read(inputPath);
                var notebook = DibConverter.ToNotebook(document);
                NotebookWriter.Write(notebook, outputPath);
                cells = notebook.Cells.Count;
                Console.Out.Write(ConversionReport.Format(ConversionReport.For(document)));
            }
            else
            {
                var document = DibConverter.ToDib(NotebookReader.Read(inputPath), out var warnings);
                DibWriter.Write(document, outputPath);
                foreach (var warning in warnings) Console.Error.WriteLine("warning: " + warning);
                cells = document.Cells.Count;
            }
            Console.Out.WriteLine($"Wrote {outputPath} ({cells} cells).");
            return 0;
        }
        catch (NotebookFormatException e)
        {
            Console.Error.WriteLine($"mallard convert: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"mallard convert: cannot write {outputPath}: {e.Message}");
            return 1;
        }
    }
}
