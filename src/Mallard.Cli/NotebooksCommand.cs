using System.CommandLine;
using Mallard.Warehouse;

namespace Mallard.Cli;

/// <summary>
/// <c>mallard notebooks list|copy</c>: the shipped analyses, which travel inside the tool, copied out into a folder where a
/// user opens and changes them (VS Code, JupyterLab), with the helpers they load beside them.
/// </summary>
internal static class NotebooksCommand
{
    public static Command Create()
    {
        var command = new Command("notebooks", "The shipped analysis notebooks: list them, or copy them into a folder to open and change.");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateCopy());
        return command;
    }

    private static Command CreateList()
    {
        var command = new Command("list", "The shipped notebooks and where they are.");
        command.SetAction(_ =>
        {
            var (notebooks, _) = Source();
            foreach (var name in AnalysisCommand.Shipped(notebooks)) Console.Out.WriteLine($"{name,-24} {Path.Combine(notebooks, name + ".ipynb")}");
            return 0;
        });
        return command;
    }

    private static Command CreateCopy()
    {
        var directory = new Argument<string>("directory")
        {
            Description = "The folder to copy into: its notebooks/ and helpers/ (default: the current directory).",
            DefaultValueFactory = _ => ".",
        };
        var force = new Option<bool>("--force") { Description = "Replace files there that differ from the shipped ones." };
        var command = new Command("copy", "Copy the shipped notebooks (notebooks/) and the helpers they load (helpers/) into a folder.") { directory, force };
        command.SetAction(result => Copy(result.GetValue(directory)!, result.GetValue(force)));
        return command;
    }

    /// <summary>This mallard's own shipped notebooks and helpers (its repository's, in a clone).</summary>
    private static (string Notebooks, string Helpers) Source() => ToolLocation.Shipped(WarehouseLocation.FindRepositoryRoot(AppContext.BaseDirectory));

    private static int Copy(string directory, bool force)
    {
        var (notebooks, helpers) = Source();
        if (!Directory.Exists(notebooks) || !Directory.Exists(helpers))
        {
            Console.Error.WriteLine($"mallard notebooks copy: this mallard has no shipped notebooks ({notebooks} is missing).");
            return 2;
        }
        var target = Path.GetFullPath(directory);
        var files = Directory.EnumerateFiles(notebooks, "*.ipynb").Where(f => !f.EndsWith(".executed.ipynb", StringComparison.Ordinal))
            .Select(f => (From: f, To: Path.Combine(target, "notebooks", Path.GetFileName(f))))
            .Concat(Directory.EnumerateFiles(helpers, "*.csx").Select(f => (From: f, To: Path.Combine(target, "helpers", Path.GetFileName(f)))))
            .OrderBy(f => f.To, StringComparer.Ordinal)
            .ToList();
        // Nothing is written when a file there would be lost: the user's changes are theirs.
        var changed = files.Where(f => File.Exists(f.To) && !SameContent(f.From, f.To)).Select(f => f.To).ToList();
        if (changed.Count > 0 && !force)
        {
            Console.Error.WriteLine($"mallard notebooks copy: {changed.Count} file(s) there differ from the shipped ones and were left alone (nothing was copied):");
            foreach (var file in changed) Console.Error.WriteLine("  " + file);
            Console.Error.WriteLine("Copy into another folder, or add --force to replace them.");
            return 1;
        }
        try
        {
            foreach (var (from, to) in files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                if (File.Exists(to) && SameContent(from, to)) continue;
                File.Copy(from, to, overwrite: true);
                Console.Out.WriteLine("  " + Path.GetRelativePath(Directory.GetCurrentDirectory(), to));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"mallard notebooks copy: cannot write into {target}: {e.Message}");
            return 2;
        }
        Console.Out.WriteLine($"The notebooks are in {Path.Combine(target, "notebooks")}. Open one in VS Code or JupyterLab with the Mallard (C#) kernel (`mallard kernel install` once).");
        Console.Out.WriteLine($"They read the warehouse at {WarehouseLocation.DefaultPath(target)}{(File.Exists(WarehouseLocation.DefaultPath(target)) ? "" : ", which does not exist yet: `mallard analysis` or `mallard warehouse build` builds it")}.");
        return 0;
    }

    private static bool SameContent(string a, string b) => File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));
}
