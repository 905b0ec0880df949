using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mallard.Warehouse;

namespace Mallard.Cli.Tests;

/// <summary>
/// The mallard .NET tool as a user gets it: packed from the repository into a local folder (with Node.js hidden from PATH),
/// installed with <c>dotnet tool install --tool-path</c>, and run in empty folders far from the repository. Its warehouse goes
/// to the user's data folder (XDG_DATA_HOME, a temporary one here), its notebooks come from inside the tool.
/// </summary>
public sealed class ToolInstallTests(ToolInstallTests.Tool tool) : IClassFixture<ToolInstallTests.Tool>
{
    [Fact]
    public void Analysis_in_an_empty_folder_builds_the_warehouse_in_the_data_folder_and_writes_both_reports_there()
    {
        var data = tool.NewDirectory("data-analysis");
        var work = tool.NewDirectory("analysis");
        var (code, stdout, stderr) = tool.Mallard(work, data, TimeSpan.FromMinutes(10), "analysis");
        Assert.True(code == 0, $"mallard analysis failed ({code}):\n{stdout}\n{stderr}");
        var warehouse = Path.Combine(data, "mallard", "warehouse", WarehouseLocation.DefaultFileName);
        Assert.True(File.Exists(warehouse), $"The warehouse was not built in the data folder ({warehouse}):\n{stdout}");
        Assert.Contains("building the sample warehouse", stdout, StringComparison.Ordinal);
        var executed = Path.Combine(work, "reports", "customer_intelligence.ipynb");
        var report = Path.Combine(work, "reports", "customer_intelligence.html");
        Assert.Contains("Executed notebook: " + executed, stdout, StringComparison.Ordinal);
        Assert.Contains("HTML report:       " + report, stdout, StringComparison.Ordinal);
        Assert.Empty(Errors(executed));
        Assert.Contains("Customer Intelligence Report", File.ReadAllText(report), StringComparison.Ordinal);
        Assert.DoesNotContain(tool.RepositoryRoot, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kernelspec_runs_the_installed_command_and_a_copied_notebook_runs_through_nbclient()
    {
        var data = tool.NewDirectory("data-kernel");
        var work = tool.NewDirectory("kernel");
        var build = tool.Mallard(work, data, TimeSpan.FromMinutes(5), "warehouse", "build");
        Assert.True(build.ExitCode == 0, build.Stdout + build.Stderr);

        var copy = tool.Mallard(work, data, TimeSpan.FromMinutes(1), "notebooks", "copy", "mine");
        Assert.True(copy.ExitCode == 0, copy.Stdout + copy.Stderr);
        var notebook = Path.Combine(work, "mine", "notebooks", "sql_exploration.ipynb");
        Assert.True(File.Exists(notebook), copy.Stdout);
        Assert.True(File.Exists(Path.Combine(work, "mine", "helpers", "helpers.csx")), copy.Stdout);

        var prefix = Path.Combine(work, "jupyter");
        var install = tool.Mallard(work, data, TimeSpan.FromMinutes(1), "kernel", "install", "--prefix", prefix, "--name", "mallard-tool-test");
        Assert.True(install.ExitCode == 0, install.Stdout + install.Stderr);
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(prefix, "share", "jupyter", "kernels", "mallard-tool-test", "kernel.json")))!;
        // The command the tool installed (which outlives an update of the tool), not the unpacked executable in its store.
        Assert.Equal(tool.Command, spec["argv"]![0]!.GetValue<string>());

        var output = Path.Combine(work, "sql_exploration.out.ipynb");
        var environment = tool.Environment(data);
        environment["JUPYTER_PATH"] = Path.Combine(prefix, "share", "jupyter");
        var script = Path.Combine(AppContext.BaseDirectory, "python", "execute_notebook.py");
        var (code, stdout, stderr) = ChildProcess.Run(Tool.Python, environment, TimeSpan.FromMinutes(5), script, "mallard-tool-test", notebook, output);
        Assert.True(code == 0, $"nbclient failed ({code}):\n{stdout}\n{stderr}");
        Assert.Empty(Errors(output));
        Assert.Contains("\"output_type\": \"execute_result\"", File.ReadAllText(output), StringComparison.Ordinal);

        // The tool runs on the .NET it carries (its own folder holds the runtime's core library), and still finds .NET's
        // documentation in the SDK for what jupyter_client's inspect shows.
        var snippets = Path.Combine(work, "snippets.json");
        File.WriteAllText(snippets, JsonSerializer.Serialize(new
        {
            noop = "int unused = 0;",
            result = new { code = "Path.GetDirectoryName(typeof(object).Assembly.Location) == Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)", expect = "True" },
            inspect = new { code = "Math.Max(1, 2)", cursor = 6, expect = "Returns the larger of two 32-bit signed integers." },
        }));
        var check = Path.Combine(AppContext.BaseDirectory, "python", "kernel_protocol_check.py");
        var checkedKernel = ChildProcess.Run(Tool.Python, environment, TimeSpan.FromMinutes(3), check, "--snippets", snippets,
            "--kernel-name", "mallard-tool-test", "--only", "execute_result,inspect", "--timeout", "60");
        Assert.True(checkedKernel.ExitCode == 0, $"{checkedKernel.Stdout}\n{checkedKernel.Stderr}");
        Assert.Contains("PASS execute_result", checkedKernel.Stdout, StringComparison.Ordinal);
        Assert.Contains("PASS inspect", checkedKernel.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Query_repl_and_run_work_from_any_folder()
    {
        var data = tool.NewDirectory("data-any");
        var work = tool.NewDirectory("any");
        var query = tool.Mallard(work, data, TimeSpan.FromMinutes(1), "query", "-f", "csv", "SELECT 6 * 7 AS answer");
        Assert.True(query.ExitCode == 0, query.Stderr);
        Assert.Equal("answer\n42\n", query.Stdout);

        var repl = tool.Mallard(work, data, TimeSpan.FromMinutes(1), ["repl", ":memory:", "--mode", "csv"], "#!csharp\nvar n = 6;\n#!sql\nSELECT $n * 7 AS answer;\n");
        Assert.True(repl.ExitCode == 0, repl.Stderr);
        Assert.Equal("answer\n42\n", repl.Stdout);

        var notebook = Path.Combine(work, "tiny.ipynb");
        File.WriteAllText(notebook, """
            {"cells": [{"cell_type": "code", "execution_count": null, "id": "a", "metadata": {}, "outputs": [], "source": ["#!sql\n", "SELECT 6 * 7 AS answer"]}],
             "metadata": {"kernelspec": {"name": "mallard", "display_name": "Mallard (C#)", "language": "csharp"}}, "nbformat": 4, "nbformat_minor": 5}
            """);
        var run = tool.Mallard(work, data, TimeSpan.FromMinutes(2), "run", notebook, "--warehouse", ":memory:");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("42", File.ReadAllText(Path.Combine(work, "tiny.executed.ipynb")), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_sdk_a_package_reference_says_what_is_missing()
    {
        // The tool carries .NET, so it runs where no dotnet is on PATH; restoring a package is what needs the SDK.
        var data = tool.NewDirectory("data-nosdk");
        var work = tool.NewDirectory("nosdk");
        var empty = tool.NewDirectory("empty-path");
        var repl = tool.Mallard(work, data, TimeSpan.FromMinutes(1), ["repl", ":memory:"], "#!csharp\n#r \"nuget: CsvHelper, 31.0.0\"\n",
            environment =>
            {
                environment["PATH"] = empty;
                environment.Remove("DOTNET_ROOT");
                environment.Remove("DOTNET_HOST_PATH");
            });
        Assert.Equal(1, repl.ExitCode);
        Assert.Contains("Could not install CsvHelper, 31.0.0 (line 1): Restoring NuGet packages needs the .NET SDK's dotnet command, and there is none on PATH or in DOTNET_ROOT.",
            repl.Stdout + repl.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", repl.Stdout + repl.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Copying_the_notebooks_never_overwrites_a_changed_one_without_force()
    {
        var data = tool.NewDirectory("data-copy");
        var work = tool.NewDirectory("copy");
        Assert.Equal(0, tool.Mallard(work, data, TimeSpan.FromMinutes(1), "notebooks", "copy").ExitCode);
        var changed = Path.Combine(work, "notebooks", "sql_exploration.ipynb");
        File.WriteAllText(changed, "my own work");
        var again = tool.Mallard(work, data, TimeSpan.FromMinutes(1), "notebooks", "copy");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains(changed, again.Stderr, StringComparison.Ordinal);
        Assert.Equal("my own work", File.ReadAllText(changed));
        var forced = tool.Mallard(work, data, TimeSpan.FromMinutes(1), "notebooks", "copy", "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.NotEqual("my own work", File.ReadAllText(changed));
    }

    /// <summary>The error outputs of an executed notebook, as "ename: evalue".</summary>
    private static List<string> Errors(string notebook)
    {
        var document = JsonNode.Parse(File.ReadAllText(notebook))!;
        return [.. document["cells"]!.AsArray()
            .SelectMany(c => c!["outputs"]?.AsArray() ?? [])
            .Where(o => o!["output_type"]!.GetValue<string>() == "error")
            .Select(o => $"{o!["ename"]}: {o["evalue"]}")];
    }

    /// <summary>The tool packed into a local folder and installed into a temporary tool path, once for the class.</summary>
    public sealed class Tool : IDisposable
    {
        public const string Python = "/usr/bin/python3";
        private readonly string _root;
        private readonly string _path;

        public Tool()
        {
            RepositoryRoot = WarehouseLocation.FindRepositoryRoot(AppContext.BaseDirectory)
                ?? throw new InvalidOperationException($"The tests run from inside the repository; no Kernel.sln above {AppContext.BaseDirectory}.");
            _root = TestDirectories.Create("mallard-tool-");
            // Node.js must not be needed: node, npm and npx fail loudly if anything calls them.
            var noNode = Path.Combine(_root, "no-node");
            Directory.CreateDirectory(noNode);
            foreach (var name in new[] { "node", "npm", "npx" })
            {
                var file = Path.Combine(noNode, name);
                File.WriteAllText(file, $"#!/bin/sh\necho '{name} was called, but building and running Mallard must not need Node.js' >&2\nexit 127\n");
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            _path = noNode + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH");

            // A version of its own, so that no NuGet cache holds an older package of the same version.
            var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{System.Environment.ProcessId}";
            var feed = Path.Combine(_root, "feed");
            var pack = new Dictionary<string, string> { ["PATH"] = _path, ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };
            // Its own artifacts folder: the pack builds and publishes without touching the repository's bin and obj.
            var packed = ChildProcess.Run("dotnet", pack, TimeSpan.FromMinutes(15), "pack", Path.Combine(RepositoryRoot, "src", "Mallard.Cli", "Mallard.Cli.csproj"),
                "-c", "Release", "--artifacts-path", Path.Combine(_root, "artifacts"), "-o", feed, "-nologo",
                "-p:ToolPackageRuntimeIdentifiers=" + RuntimeInformation.RuntimeIdentifier, "-p:PackageVersion=" + version);
            Assert.True(packed.ExitCode == 0, $"dotnet pack of the tool failed:\n{packed.Stdout}\n{packed.Stderr}");
            Assert.True(File.Exists(Path.Combine(feed, $"Mallard.{version}.nupkg")), packed.Stdout);
            Assert.True(File.Exists(Path.Combine(feed, $"Mallard.{RuntimeInformation.RuntimeIdentifier}.{version}.nupkg")), packed.Stdout);

            var tools = Path.Combine(_root, "tools");
            var install = new Dictionary<string, string>(pack) { ["NUGET_PACKAGES"] = Path.Combine(_root, "nuget") };
            var installed = ChildProcess.Run("dotnet", install, TimeSpan.FromMinutes(5), "tool", "install", "Mallard", "--version", version,
                "--add-source", feed, "--tool-path", tools);
            Assert.True(installed.ExitCode == 0, $"dotnet tool install failed:\n{installed.Stdout}\n{installed.Stderr}");
            Command = Path.Combine(tools, OperatingSystem.IsWindows() ? "mallard.exe" : "mallard");
            Assert.True(File.Exists(Command), installed.Stdout);
        }

        public string RepositoryRoot { get; }

        /// <summary>The installed command.</summary>
        public string Command { get; }

        /// <summary>A new empty folder of the test's own.</summary>
        public string NewDirectory(string name) => Directory.CreateDirectory(Path.Combine(_root, name + "-" + Guid.NewGuid().ToString("N")[..6])).FullName;

        /// <summary>The environment of a user far from the repository: no Node, no MALLARD_WAREHOUSE, a data folder of its own.</summary>
        public Dictionary<string, string> Environment(string data) => new()
        {
            ["PATH"] = _path,
            ["XDG_DATA_HOME"] = data,
            ["XDG_STATE_HOME"] = Path.Combine(data, "state"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };

        public (int ExitCode, string Stdout, string Stderr) Mallard(string workingDirectory, string data, TimeSpan limit, params string[] args) =>
            Mallard(workingDirectory, data, limit, args, null);

        public (int ExitCode, string Stdout, string Stderr) Mallard(string workingDirectory, string data, TimeSpan limit, string[] args, string? stdin,
            Action<IDictionary<string, string?>>? adjust = null)
        {
            var start = new ProcessStartInfo(Command)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in args) start.ArgumentList.Add(arg);
            start.Environment.Remove(WarehouseLocation.EnvironmentVariable);
            start.Environment.Remove("MALLARD_DUCKDB_LIBRARY");
            foreach (var (name, value) in Environment(data)) start.Environment[name] = value;
            adjust?.Invoke(start.Environment);
            return ChildProcess.Finish(start, limit, stdin);
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // A kernel still exiting holds a file; the temporary folder goes later.
            }
        }
    }
}
