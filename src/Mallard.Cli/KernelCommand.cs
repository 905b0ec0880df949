using System.CommandLine;
using System.Reflection;
using Mallard.Display;
using Mallard.Engine;
using Mallard.Jupyter.Kernel;
using Mallard.Jupyter.Kernelspec;
using Mallard.Jupyter.Logging;
using Mallard.Jupyter.Protocol;

namespace Mallard.Cli;

/// <summary><c>mallard kernel start|install|list|uninstall</c>: the Jupyter kernel and its kernelspec.</summary>
internal static class KernelCommand
{
    public static Command Create()
    {
        var command = new Command("kernel", "The Jupyter kernel: run it, and install it where Jupyter and VS Code find kernels.");
        command.Subcommands.Add(CreateStart());
        command.Subcommands.Add(CreateInstall());
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateUninstall());
        return command;
    }

    private static Command CreateStart()
    {
        var connectionFile = new Option<string>("--connection-file", "-f")
        {
            Description = "The Jupyter connection file (ports and key) written by the front end.",
            Required = true,
        };
        var logFile = new Option<string?>("--log-file")
        {
            Description = $"Where the kernel logs (it never writes to stdout). Default: ${KernelLog.EnvironmentVariable}, else {DescribeDefaultLog()}.",
        };
        var command = new Command("start", "Run the kernel for a Jupyter front end (Jupyter starts this through the kernelspec).") { connectionFile, logFile };
        command.SetAction(result => Start(result.GetValue(connectionFile)!, result.GetValue(logFile)));
        return command;
    }

    private static string DescribeDefaultLog() => OperatingSystem.IsWindows()
        ? @"%LOCALAPPDATA%\mallard\kernel.log"
        : "$XDG_STATE_HOME/mallard/kernel.log (~/.local/state/mallard/kernel.log)";

    private static (Option<bool> User, Option<string?> Prefix, Option<string> Name) LocationOptions()
    {
        var user = new Option<bool>("--user") { Description = "The user's Jupyter kernels directory ($JUPYTER_DATA_DIR/kernels, else ~/.local/share/jupyter/kernels). The default." };
        var prefix = new Option<string?>("--prefix") { Description = "An installation prefix: the kernelspec goes in PREFIX/share/jupyter/kernels (e.g. a virtual environment)." };
        var name = new Option<string>("--name") { Description = "The kernel's name (its directory).", DefaultValueFactory = _ => KernelspecManager.DefaultName };
        return (user, prefix, name);
    }

    private static Command CreateInstall()
    {
        var (user, prefix, name) = LocationOptions();
        var displayName = new Option<string>("--display-name") { Description = "The name front ends show.", DefaultValueFactory = _ => KernelspecManager.DefaultDisplayName };
        var command = new Command("install", "Write a kernelspec that runs this mallard, where Jupyter and VS Code look for kernels.") { user, prefix, name, displayName };
        command.SetAction(result =>
        {
            if (!TryDirectory(result.GetValue(user), result.GetValue(prefix), "install", out var directory)) return 2;
            try
            {
                var path = KernelspecManager.Install(directory, result.GetValue(name)!, result.GetValue(displayName)!, Launcher());
                Console.Out.WriteLine($"Installed kernelspec {result.GetValue(name)!.ToLowerInvariant()} in {path}");
                return 0;
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"mallard kernel install: {e.Message}");
                return 2;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"mallard kernel install: cannot write {directory}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command CreateList()
    {
        var command = new Command("list", "List the Mallard kernelspecs Jupyter would find.");
        command.SetAction(_ =>
        {
            var specs = KernelspecManager.List();
            if (specs.Count == 0)
            {
                Console.Out.WriteLine("No Mallard kernelspec is installed. Run `mallard kernel install`.");
                return 0;
            }
            var width = specs.Max(s => s.Name.Length);
            foreach (var spec in specs) Console.Out.WriteLine($"{spec.Name.PadRight(width)}  {spec.Directory}  ({spec.DisplayName})");
            return 0;
        });
        return command;
    }

    private static Command CreateUninstall()
    {
        var (user, prefix, name) = LocationOptions();
        var command = new Command("uninstall", "Remove a Mallard kernelspec.") { user, prefix, name };
        command.SetAction(result =>
        {
            if (!TryDirectory(result.GetValue(user), result.GetValue(prefix), "uninstall", out var directory)) return 2;
            var kernel = result.GetValue(name)!;
            try
            {
                if (!KernelspecManager.Uninstall(directory, kernel))
                {
                    Console.Error.WriteLine($"mallard kernel uninstall: no kernelspec named {kernel} in {directory}.");
                    return 1;
                }
                Console.Out.WriteLine($"Removed kernelspec {kernel.ToLowerInvariant()} from {directory}");
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"mallard kernel uninstall: {e.Message}");
                return e is ArgumentException ? 2 : 1;
            }
        });
        return command;
    }

    private static bool TryDirectory(bool user, string? prefix, string verb, out string directory)
    {
        if (user && prefix is not null)
        {
            Console.Error.WriteLine($"mallard kernel {verb}: give --user or --prefix, not both.");
            directory = "";
            return false;
        }
        directory = prefix is not null ? KernelspecLocation.PrefixDirectory(prefix) : KernelspecLocation.UserDirectory;
        return true;
    }

    /// <summary>
    /// The absolute command that runs this mallard: the installed tool's command (which outlives updates of the tool), its
    /// executable, or dotnet and its dll.
    /// </summary>
    private static string[] Launcher()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("The path of the running mallard is unknown.");
        var entry = Assembly.GetEntryAssembly()?.Location;
        var host = Path.GetFileNameWithoutExtension(process);
        if (string.Equals(host, "dotnet", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(entry))
            return [Path.GetFullPath(process), Path.GetFullPath(entry)];
        return [ToolLocation.CommandFor(Path.GetFullPath(process)) ?? Path.GetFullPath(process)];
    }

    private static int Start(string connectionFile, string? logFile)
    {
        using var log = new KernelLog(logFile ?? KernelLog.DefaultPath);
        ConnectionInfo connection;
        try
        {
            connection = ConnectionInfo.Load(connectionFile);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"mallard kernel start: {e.Message}");
            log.Error(e.Message);
            return 2;
        }
        try
        {
            var options = Hosting.Session(Environment.CurrentDirectory);
            // Charts load the kernelspec's own copy of plotly.js through the Jupyter server (VS Code draws the Plotly JSON itself):
            // saved notebooks stay small and re-running a chart cell never takes plotly.js from the others.
            var kernelName = Environment.GetEnvironmentVariable(KernelspecManager.NameVariable);
            options = options with
            {
                Display = options.Display with
                {
                    PlotlyScript = PlotlyScriptMode.Shared,
                    PlotlyKernelName = string.IsNullOrWhiteSpace(kernelName) ? KernelspecManager.DefaultName : kernelName,
                },
            };
            var kernel = new JupyterKernel(connection, options, log);
            kernel.RunAsync().GetAwaiter().GetResult();
            return 0;
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException)
        {
            Console.Error.WriteLine($"mallard kernel start: {e.Message}");
            log.Error("The kernel could not start", e);
            return 1;
        }
    }
}
