using System.Text.Json;

namespace Mallard.Jupyter.Kernel;

/// <summary>
/// The kernel that a notebook written by Polyglot Notebooks names for a cell outside the cell's text: Polyglot keeps it in
/// the cell's metadata (<c>polyglot_notebook.kernelName</c>, or <c>dotnet_interactive.language</c> in older files), so a
/// SQL cell of such a notebook has no <c>#!sql-NAME</c> line. Two ways reach the kernel:
/// <list type="bullet">
/// <item>a front end that sends the cell's metadata with <c>execute_request</c> (as .NET Interactive's own Jupyter kernel
/// reads it) gives the name directly;</item>
/// <item>JupyterLab sends only the cell's id (<c>metadata.cellId</c>) and, through Jupyter Server, names the notebook in the
/// kernel's environment (<c>JPY_SESSION_NAME</c>): the cell is then looked up in the saved notebook, read again whenever
/// the file changes.</item>
/// </list>
/// A cell found neither way runs as its text says (C# unless a magic names another kernel).
/// </summary>
internal sealed class CellKernelNames
{
    /// <summary>The variable in which Jupyter Server names the notebook a kernel was started for.</summary>
    public const string SessionNameVariable = "JPY_SESSION_NAME";

    private readonly string? _sessionName;
    private readonly string _workingDirectory;
    private readonly Lock _lock = new();
    private string? _readPath;
    private DateTime _readTime;
    private Dictionary<string, string> _byCellId = new(StringComparer.Ordinal);

    public CellKernelNames(string? sessionName, string workingDirectory)
    {
        _sessionName = string.IsNullOrWhiteSpace(sessionName) ? null : sessionName;
        _workingDirectory = workingDirectory;
    }

    /// <summary>For the kernel's own process: the session name from its environment, paths from its working directory.</summary>
    public static CellKernelNames FromEnvironment() =>
        new(Environment.GetEnvironmentVariable(SessionNameVariable), Environment.CurrentDirectory);

    /// <summary>The kernel named for the cell whose <c>execute_request</c> carried <paramref name="metadata"/>, or null.</summary>
    public string? Find(ReadOnlySpan<byte> metadata)
    {
        if (metadata.IsEmpty) return null;
        try
        {
            using var document = JsonDocument.Parse(metadata.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (KernelOf(root) is { } named) return named;
            return root.TryGetProperty("cellId", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } cellId
                ? FromNotebook(cellId)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The kernel a cell's (or a message's) metadata names: Polyglot's current key first, then the older one.</summary>
    internal static string? KernelOf(JsonElement metadata)
    {
        if (metadata.TryGetProperty("polyglot_notebook", out var polyglot) && polyglot.ValueKind == JsonValueKind.Object
            && polyglot.TryGetProperty("kernelName", out var kernel) && kernel.ValueKind == JsonValueKind.String && kernel.GetString() is { Length: > 0 } name)
            return name;
        if (metadata.TryGetProperty("dotnet_interactive", out var dotnet) && dotnet.ValueKind == JsonValueKind.Object
            && dotnet.TryGetProperty("language", out var language) && language.ValueKind == JsonValueKind.String && language.GetString() is { Length: > 0 } old)
            return old;
        return null;
    }

    private string? FromNotebook(string cellId)
    {
        if (NotebookPath() is not { } path) return null;
        lock (_lock)
        {
            try
            {
                var written = File.GetLastWriteTimeUtc(path);
                if (path != _readPath || written != _readTime)
                {
                    _byCellId = Read(path);
                    _readPath = path;
                    _readTime = written;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                // Being saved just now, or not a notebook: the cell runs as its text says.
                return null;
            }
            return _byCellId.GetValueOrDefault(cellId);
        }
    }

    /// <summary>
    /// The notebook file the session names. Jupyter Server gives the path relative to its root, while the kernel runs in the
    /// notebook's folder, so the name is tried as given, from the working directory, and as a file in the working directory.
    /// </summary>
    private string? NotebookPath()
    {
        if (_sessionName is not { } name || !name.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)) return null;
        string[] candidates = Path.IsPathFullyQualified(name)
            ? [name]
            : [Path.Combine(_workingDirectory, name), Path.Combine(_workingDirectory, Path.GetFileName(name))];
        return candidates.FirstOrDefault(File.Exists);
    }

    private static Dictionary<string, string> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!document.RootElement.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array) return byId;
        foreach (var cell in cells.EnumerateArray())
        {
            if (cell.ValueKind != JsonValueKind.Object
                || !cell.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 } cellId
                || !cell.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
                || KernelOf(metadata) is not { } kernel)
                continue;
            byId[cellId] = kernel;
        }
        return byId;
    }
}
