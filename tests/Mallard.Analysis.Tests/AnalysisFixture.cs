using System.Collections.Concurrent;
using System.Diagnostics;
using Mallard.DuckDb;
using Mallard.Warehouse;

namespace Mallard.Analysis.Tests;

/// <summary>
/// What the analysis tests share: warehouses built by the real <c>mallard warehouse build</c> into a temporary
/// folder (the sample scale and a larger one), the repository's notebooks, the Mallard kernel installed into a
/// private Jupyter path, and each notebook run once per way of running it (the runner, nbclient) and kept.
/// </summary>
public sealed class AnalysisFixture : IDisposable
{
    public const string Python = "/usr/bin/python3";
    public const string KernelName = "mallard-analysis-test";
    public const long LargeScale = 20_000;

    private readonly ConcurrentDictionary<long, Lazy<string>> _warehouses = new();
    private readonly ConcurrentDictionary<string, Lazy<NotebookRun>> _runs = new();
    private readonly Lazy<string> _kernel;
    private readonly Lazy<DotnetInteractive> _dotnetInteractive;

    public AnalysisFixture()
    {
        Root = TestDirectories.Create("mallard-analysis-");
        RepositoryRoot = WarehouseLocation.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"The tests run from inside the repository; no Kernel.sln above {AppContext.BaseDirectory}.");
        NotebookDirectory = Path.Combine(RepositoryRoot, "notebooks");
        ArtifactDirectory = Path.Combine(AppContext.BaseDirectory, "artifacts", "analysis");
        Directory.CreateDirectory(ArtifactDirectory);
        _kernel = new Lazy<string>(InstallKernel);
        _dotnetInteractive = new Lazy<DotnetInteractive>(() => DotnetInteractive.Prepare(Path.Combine(Root, "dotnet-interactive")));
    }

    public static long SampleScale => WarehouseBuildOptions.DefaultScale;

    /// <summary>The generator's seed of the warehouse of <paramref name="scale"/>: the default for the sample, another for the larger one.</summary>
    public static long SeedOf(long scale) => scale == LargeScale ? 7 : WarehouseBuildOptions.DefaultSeed;

    /// <summary>The shipped notebooks, by name.</summary>
    public static TheoryData<string, long> NotebooksAndScales
    {
        get
        {
            var data = new TheoryData<string, long>();
            foreach (var notebook in new[] { "customer_intelligence", "segmentation_pack", "sql_exploration" })
                foreach (var scale in new[] { SampleScale, LargeScale })
                    data.Add(notebook, scale);
            return data;
        }
    }

    public string Root { get; }

    public string RepositoryRoot { get; }

    public string NotebookDirectory { get; }

    /// <summary>Where reports and screenshots are kept after the run (test output's artifacts/analysis).</summary>
    public string ArtifactDirectory { get; }

    public string Notebook(string name) => Path.Combine(NotebookDirectory, name + ".ipynb");

    /// <summary>The warehouse of <paramref name="scale"/> customers, built on first use.</summary>
    public string Warehouse(long scale) => _warehouses.GetOrAdd(scale, s => new Lazy<string>(() => BuildWarehouse(s))).Value;

    /// <summary>Runs <paramref name="notebook"/> with <c>mallard run</c> on the warehouse of <paramref name="scale"/> (once per arguments).</summary>
    public NotebookRun RunWithRunner(string notebook, long scale, params string[] parameters)
    {
        var key = $"runner|{notebook}|{scale}|{string.Join('|', parameters)}";
        return _runs.GetOrAdd(key, _ => new Lazy<NotebookRun>(() =>
        {
            var warehouse = Warehouse(scale);
            var stem = $"{notebook}-{scale}" + (parameters.Length > 0 ? "-" + string.Join('-', parameters).Replace('=', '_') : "");
            var output = Path.Combine(Root, stem + ".runner.ipynb");
            var html = Path.Combine(ArtifactDirectory, stem + ".html");
            var args = new List<string> { "run", Notebook(notebook), "--output", output, "--html", html };
            foreach (var p in parameters) args.AddRange(["-p", p]);
            var (code, stdout, stderr) = Mallard(warehouse, [.. args]);
            return new NotebookRun(code, stdout + stderr, output, html, warehouse);
        })).Value;
    }

    /// <summary>Runs <paramref name="notebook"/> with nbclient on the installed kernel, on the warehouse of <paramref name="scale"/>.</summary>
    public NotebookRun RunWithNbclient(string notebook, long scale)
    {
        var key = $"nbclient|{notebook}|{scale}";
        return _runs.GetOrAdd(key, _ => new Lazy<NotebookRun>(() =>
        {
            var warehouse = Warehouse(scale);
            var output = Path.Combine(Root, $"{notebook}-{scale}.nbclient.ipynb");
            var (code, log) = ExecuteWithNbclient(Notebook(notebook), output, NotebookDirectory, warehouse);
            return new NotebookRun(code, log, output, null, warehouse);
        })).Value;
    }

    /// <summary>The Polyglot Notebooks version of the notebook <paramref name="name"/> (notebooks/polyglot/NAME.dib).</summary>
    public string PolyglotNotebook(string name) => Path.Combine(NotebookDirectory, "polyglot", name + ".dib");

    /// <summary>
    /// Runs the Polyglot version of <paramref name="notebook"/> in the real .NET Interactive tool (its Jupyter kernel, through
    /// nbclient), with Mallard.Interactive packed from this build, on the warehouse of <paramref name="scale"/>.
    /// </summary>
    public NotebookRun RunWithDotnetInteractive(string notebook, long scale)
    {
        var key = $"dotnet-interactive|{notebook}|{scale}";
        return _runs.GetOrAdd(key, _ => new Lazy<NotebookRun>(() =>
        {
            var warehouse = Warehouse(scale);
            var tool = _dotnetInteractive.Value;
            var jupyter = tool.InstallKernelSpec();
            RequirePython("nbclient", "nbformat", "jupyter_client");
            var converted = Path.Combine(Root, $"{notebook}-{scale}.polyglot.ipynb");
            var output = Path.Combine(Root, $"{notebook}-{scale}.dotnet-interactive.ipynb");
            var (convertCode, convertOut, convertErr) = Run(Python, new Dictionary<string, string>(), TimeSpan.FromMinutes(1),
                Script("dib_to_ipynb.py"), PolyglotNotebook(notebook), converted, tool.LoadLines);
            Assert.True(convertCode == 0, $"Converting {PolyglotNotebook(notebook)} failed:\n{convertOut}{convertErr}");
            var environment = JupyterEnvironment(jupyter, warehouse);
            environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
            // The kernel runs in the .dib's folder, so that relative paths (#load "../../helpers/helpers.csx") resolve as in the editor.
            var (code, stdout, stderr) = Run(Python, environment, TimeSpan.FromMinutes(10), Script("execute_notebook.py"), ".net-csharp", converted, output,
                Path.GetDirectoryName(PolyglotNotebook(notebook))!);
            return new NotebookRun(code, stdout + stderr, output, null, warehouse);
        })).Value;
    }

    /// <summary>The folder of the Polyglot notebook corpus (notebooks/polyglot/corpus).</summary>
    public string CorpusDirectory => Path.Combine(NotebookDirectory, "polyglot", "corpus");

    /// <summary>A notebook of the Polyglot corpus, by file name (NAME.dib, or NAME.ipynb as Polyglot Notebooks wrote it).</summary>
    public string CorpusNotebook(string file) => Path.Combine(CorpusDirectory, file);

    /// <summary>
    /// Runs a corpus notebook with <c>mallard run</c> on the sample warehouse (once): a .dib converted with <c>mallard convert</c>
    /// first, an .ipynb Polyglot wrote as it is (the runner reads each cell's kernel from its metadata).
    /// </summary>
    public NotebookRun RunCorpusWithRunner(string file) => _runs.GetOrAdd("corpus-runner|" + file, _ => new Lazy<NotebookRun>(() =>
    {
        var warehouse = Warehouse(SampleScale);
        var folder = CorpusWorkFolder(file, "runner");
        var notebook = file.EndsWith(".dib", StringComparison.Ordinal)
            ? ConvertNotebook(CorpusNotebook(file), Path.Combine(folder, Path.ChangeExtension(file, ".ipynb")))
            : CorpusNotebook(file);
        var output = Path.Combine(folder, Path.GetFileNameWithoutExtension(file) + ".executed.ipynb");
        var (code, stdout, stderr) = Mallard(warehouse, "run", notebook, "--output", output);
        return new NotebookRun(code, stdout + stderr, output, null, warehouse);
    })).Value;

    /// <summary>
    /// Runs a corpus notebook with nbclient on the installed Mallard kernel on the sample warehouse (once), in the corpus folder.
    /// nbclient sends the kernel only each cell's text, so the notebook is converted first: a .dib with <c>mallard convert</c>;
    /// an .ipynb Polyglot wrote (its cells' kernels in their metadata) to .dib and back with <c>mallard convert</c>.
    /// </summary>
    public NotebookRun RunCorpusWithNbclient(string file) => _runs.GetOrAdd("corpus-nbclient|" + file, _ => new Lazy<NotebookRun>(() =>
    {
        var warehouse = Warehouse(SampleScale);
        var folder = CorpusWorkFolder(file, "nbclient");
        var stem = Path.GetFileNameWithoutExtension(file);
        var dib = file.EndsWith(".dib", StringComparison.Ordinal)
            ? CorpusNotebook(file)
            : ConvertNotebook(CorpusNotebook(file), Path.Combine(folder, stem + ".dib"));
        var notebook = ConvertNotebook(dib, Path.Combine(folder, stem + ".ipynb"));
        var output = Path.Combine(folder, stem + ".executed.ipynb");
        var (code, log) = ExecuteWithNbclient(notebook, output, CorpusDirectory, warehouse);
        return new NotebookRun(code, log, output, null, warehouse);
    })).Value;

    /// <summary>Converts <paramref name="input"/> (.dib or .ipynb) to <paramref name="output"/> with <c>mallard convert</c>; returns the output's path.</summary>
    public string ConvertNotebook(string input, string output)
    {
        var (code, stdout, stderr) = Mallard(Path.Combine(Root, "must-not-be-used.duckdb"), "convert", input, "--output", output);
        Assert.True(code == 0 && File.Exists(output), $"mallard convert {input} --output {output} failed:\n{stdout}{stderr}");
        return output;
    }

    /// <summary>
    /// Executes <paramref name="notebook"/> with nbclient on the installed Mallard kernel, the kernel running in <paramref name="folder"/>
    /// with MALLARD_WAREHOUSE at <paramref name="warehouse"/>; writes the executed notebook to <paramref name="output"/>.
    /// </summary>
    public (int ExitCode, string Log) ExecuteWithNbclient(string notebook, string output, string folder, string warehouse)
    {
        var environment = JupyterEnvironment(_kernel.Value, warehouse);
        environment["MALLARD_KERNEL_LOG"] = Path.Combine(Root, "kernel.log");
        var (code, stdout, stderr) = Run(Python, environment, TimeSpan.FromMinutes(6), Script("execute_notebook.py"), KernelName, notebook, output, folder);
        return (code, stdout + stderr);
    }

    /// <summary>
    /// The environment of a Jupyter process of a test's own (a Notebook server): private Jupyter folders, the test kernel installed
    /// (with its copy of plotly.js), the warehouse.
    /// </summary>
    public Dictionary<string, string> KernelEnvironment(string warehouse) => JupyterEnvironment(_kernel.Value, warehouse);

    /// <summary>The environment of an nbclient run: private Jupyter folders, the kernels of <paramref name="jupyterPath"/>, the warehouse.</summary>
    private Dictionary<string, string> JupyterEnvironment(string jupyterPath, string warehouse) => new()
    {
        ["JUPYTER_PATH"] = jupyterPath,
        ["JUPYTER_DATA_DIR"] = Path.Combine(Root, "jupyter-data"),
        ["JUPYTER_RUNTIME_DIR"] = Path.Combine(Root, "jupyter-runtime"),
        ["JUPYTER_CONFIG_DIR"] = Path.Combine(Root, "jupyter-config"),
        ["IPYTHONDIR"] = Path.Combine(Root, "ipython"),
        [WarehouseLocation.EnvironmentVariable] = warehouse,
        ["PYTHONDONTWRITEBYTECODE"] = "1",
    };

    /// <summary>A fresh folder of its own for one way of running one corpus notebook.</summary>
    private string CorpusWorkFolder(string file, string way) =>
        Directory.CreateDirectory(Path.Combine(Root, "corpus", Path.GetFileNameWithoutExtension(file) + "-" + way)).FullName;

    /// <summary>Validates a notebook with Debian's nbformat; returns the nbformat version it has.</summary>
    public string Validate(string notebook)
    {
        RequirePython("nbformat");
        var (code, stdout, stderr) = Run(Python, new Dictionary<string, string>(), TimeSpan.FromMinutes(1), Script("validate_notebook.py"), notebook);
        Assert.True(code == 0, $"{notebook} is not a valid notebook:\n{stdout}{stderr}");
        return stdout.Trim();
    }

    /// <summary>One value from an independent query of the warehouse (read-only).</summary>
    public static object? Scalar(string warehouse, string sql, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        using var database = DuckDbDatabase.Open(warehouse, readOnly: true);
        using var connection = database.Connect();
        var frame = connection.Query(sql, parameters);
        return frame.RowCount == 0 ? null : frame.GetRow(0)[0];
    }

    /// <summary>Runs the built mallard with MALLARD_WAREHOUSE pointing at <paramref name="warehouse"/>.</summary>
    public (int ExitCode, string Stdout, string Stderr) Mallard(string warehouse, params string[] args) =>
        MallardIn(RepositoryRoot, warehouse, args);

    public static (int ExitCode, string Stdout, string Stderr) MallardIn(string directory, string warehouse, params string[] args)
    {
        var start = MallardProcess.StartInfo(args);
        start.Environment[WarehouseLocation.EnvironmentVariable] = warehouse;
        start.WorkingDirectory = directory;
        return Finish(start, TimeSpan.FromMinutes(5));
    }

    private string BuildWarehouse(long scale)
    {
        var path = Path.Combine(Root, $"warehouse-{scale}.duckdb");
        var (code, stdout, stderr) = Mallard(Path.Combine(Root, "must-not-be-used.duckdb"),
            "warehouse", "build", "--scale", scale.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed", SeedOf(scale).ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", path);
        Assert.True(code == 0 && File.Exists(path), $"mallard warehouse build --scale {scale} --seed {SeedOf(scale)} failed:\n{stdout}{stderr}");
        return path;
    }

    private string InstallKernel()
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: install python3 with python3-nbclient and python3-nbformat.");
        RequirePython("nbclient", "nbformat", "jupyter_client");
        var prefix = Path.Combine(Root, "kernel-prefix");
        var (code, stdout, stderr) = MallardProcess.Run("kernel", "install", "--prefix", prefix, "--name", KernelName, "--display-name", "Mallard (analysis tests)");
        Assert.True(code == 0, $"mallard kernel install failed: {stdout}{stderr}");
        var share = Path.Combine(prefix, "share", "jupyter");
        Assert.True(File.Exists(Path.Combine(share, "kernels", KernelName, "kernel.json")), stdout);
        return share;
    }

    private static void RequirePython(params string[] modules)
    {
        foreach (var module in modules)
        {
            var (code, _, error) = Run(Python, new Dictionary<string, string>(), TimeSpan.FromMinutes(1), "-c", "import " + module);
            Assert.True(code == 0, $"{Python} cannot import {module}: install python3-nbclient, python3-nbformat and python3-jupyter-client. {error}");
        }
    }

    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "python", name);

    private static (int ExitCode, string Stdout, string Stderr) Run(string program, IReadOnlyDictionary<string, string> environment, TimeSpan limit, params string[] args) =>
        ChildProcess.Run(program, environment, limit, args);

    private static (int ExitCode, string Stdout, string Stderr) Finish(ProcessStartInfo start, TimeSpan limit) => ChildProcess.Finish(start, limit);

    public void Dispose()
    {
        if (_dotnetInteractive.IsValueCreated) _dotnetInteractive.Value.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A kernel still shutting down; the temporary folder goes later.
        }
    }
}
