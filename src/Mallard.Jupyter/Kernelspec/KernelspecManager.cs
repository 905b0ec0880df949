using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mallard.Jupyter.Kernelspec;

/// <summary>Installs, lists and removes Mallard kernelspecs (<c>kernel.json</c> plus logos) where Jupyter and VS Code look.</summary>
public static partial class KernelspecManager
{
    /// <summary>The default kernel name.</summary>
    public const string DefaultName = "mallard";

    /// <summary>The default display name.</summary>
    public const string DefaultDisplayName = "Mallard (C#)";

    private const string Marker = "mallard";

    /// <summary>The environment variable the kernelspec gives the kernel its own name in (charts load the kernelspec's plotly.js by it).</summary>
    public const string NameVariable = "MALLARD_KERNEL_NAME";

    /// <summary>
    /// Writes <c>DIR/NAME/kernel.json</c>, the logos and plotly.js (which a Jupyter server serves to the kernel's charts, see
    /// <see cref="Mallard.Display.PlotlyScriptMode.Shared"/>), replacing any kernelspec of that name there.
    /// <paramref name="launcher"/> is the absolute command that runs <c>mallard</c> (the executable, or dotnet and the dll).
    /// </summary>
    public static string Install(string kernelsDirectory, string name, string displayName, IReadOnlyList<string> launcher)
    {
        ArgumentNullException.ThrowIfNull(launcher);
        ValidateName(name);
        if (string.IsNullOrWhiteSpace(displayName)) throw new ArgumentException("The display name must not be empty.", nameof(displayName));
        if (launcher.Count == 0 || !Path.IsPathRooted(launcher[0])) throw new ArgumentException("The launcher must start with an absolute path.", nameof(launcher));
        var directory = Path.Combine(kernelsDirectory, name.ToLowerInvariant());
        Directory.CreateDirectory(directory);
        var argv = new JsonArray();
        foreach (var part in launcher) argv.Add(part);
        foreach (var part in new[] { "kernel", "start", "--connection-file", "{connection_file}" }) argv.Add(part);
        var spec = new JsonObject
        {
            ["argv"] = argv,
            ["display_name"] = displayName,
            ["language"] = "csharp",
            ["interrupt_mode"] = "message",
            ["env"] = new JsonObject { [NameVariable] = name.ToLowerInvariant() },
            ["metadata"] = new JsonObject { [Marker] = new JsonObject { ["kernel"] = true }, ["debugger"] = false },
        };
        File.WriteAllText(Path.Combine(directory, "kernel.json"), spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.WriteAllBytes(Path.Combine(directory, "logo-32x32.png"), KernelLogo.Png(32));
        File.WriteAllBytes(Path.Combine(directory, "logo-64x64.png"), KernelLogo.Png(64));
        Mallard.Display.Plotly.PlotlyJs.WriteFile(directory);
        return directory;
    }

    /// <summary>The Mallard kernelspecs in every directory Jupyter searches (the first of each name, as Jupyter resolves it).</summary>
    public static IReadOnlyList<InstalledKernelspec> List(IEnumerable<string>? kernelsDirectories = null)
    {
        var found = new List<InstalledKernelspec>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var kernels in kernelsDirectories ?? KernelspecLocation.SearchDirectories())
        {
            if (!Directory.Exists(kernels)) continue;
            foreach (var directory in Directory.EnumerateDirectories(kernels).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(directory);
                if (seen.Contains(name)) continue;
                var spec = Read(directory);
                if (spec is null) continue;
                seen.Add(name);
                if (IsMallard(spec)) found.Add(spec);
            }
        }
        return found;
    }

    /// <summary>Removes the Mallard kernelspec <paramref name="name"/> from <paramref name="kernelsDirectory"/>; false when there is none.</summary>
    public static bool Uninstall(string kernelsDirectory, string name)
    {
        ValidateName(name);
        var directory = Path.Combine(kernelsDirectory, name.ToLowerInvariant());
        var spec = Read(directory);
        if (spec is null) return false;
        if (!IsMallard(spec)) throw new InvalidOperationException($"{directory} holds a kernelspec that is not Mallard's; it was left alone.");
        Directory.Delete(directory, recursive: true);
        return true;
    }

    /// <summary>Throws when <paramref name="name"/> is not a valid kernel name (letters, digits, '.', '_', '-').</summary>
    public static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name) || !NamePattern().IsMatch(name))
            throw new ArgumentException($"'{name}' is not a valid kernel name: use letters, digits, '.', '_' and '-'.", nameof(name));
    }

    private static InstalledKernelspec? Read(string directory)
    {
        var file = Path.Combine(directory, "kernel.json");
        if (!File.Exists(file)) return null;
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(file)) as JsonObject;
            if (root is null) return null;
            var argv = (root["argv"] as JsonArray)?.Select(n => n?.GetValue<string>() ?? "").ToArray() ?? [];
            var marked = root["metadata"]?[Marker] is not null;
            return new InstalledKernelspec(Path.GetFileName(directory), directory, root["display_name"]?.GetValue<string>() ?? "", argv)
            {
                IsMarked = marked,
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static bool IsMallard(InstalledKernelspec spec) => spec.IsMarked;

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex NamePattern();
}
