using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Mallard.Tests;

/// <summary>
/// Temporary directories for tests. They are all made inside one root per test process, <c>mallard-tests-PID-RANDOM</c>
/// in the temporary folder, which is deleted with everything in it once the assembly's tests have finished
/// (<see cref="TestDirectoriesFramework"/>) and again when the process exits; a test may still delete its own directory
/// earlier. Roots that processes which died without exiting normally left behind are deleted by the next test process
/// that makes one. Deleting is best effort and never fails a test.
/// </summary>
internal static class TestDirectories
{
    private const string RootPrefix = "mallard-tests-";
    private static readonly Lazy<string> Root = new(CreateRoot, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock Naming = new();

    /// <summary>Makes a new, empty directory whose name is <paramref name="prefix"/> and a random part; returns its full path.</summary>
    public static string Create(string prefix)
    {
        var root = Root.Value;
        lock (Naming)
        {
            while (true)
            {
                var directory = Path.Combine(root, prefix + Guid.NewGuid().ToString("N")[..12]);
                if (Directory.Exists(directory)) continue;
                // Makes the root again too if a test runs after the root was deleted (a test host that runs twice).
                Directory.CreateDirectory(directory);
                return directory;
            }
        }
    }

    /// <summary>Deletes the root, if one was made, with everything in it.</summary>
    public static void DeleteRoot()
    {
        if (Root.IsValueCreated) Delete(Root.Value);
    }

    private static string CreateRoot()
    {
        RemoveStaleRoots();
        // Made as mkdtemp makes it: readable by this user only.
        var root = Directory.CreateTempSubdirectory(RootPrefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-").FullName;
        // A fallback: under dotnet test the test platform kills the host about 100 ms after the run ends, which can cut
        // this short (the test framework below has usually deleted the root by then).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(root);
        return root;
    }

    /// <summary>Deletes the roots of test processes that are no longer running.</summary>
    private static void RemoveStaleRoots()
    {
        try
        {
            foreach (var root in Directory.EnumerateDirectories(Path.GetTempPath(), RootPrefix + "*"))
            {
                var rest = Path.GetFileName(root)[RootPrefix.Length..];
                var dash = rest.IndexOf('-', StringComparison.Ordinal);
                if (dash <= 0 || !int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
                if (pid != Environment.ProcessId && !IsRunning(pid)) Delete(root);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Stale roots are left for the next process to try.
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Not known to be gone: keep its directory.
            return true;
        }
    }

    private static void Delete(string directory)
    {
        // A child process that is still ending may add a file while the tree is deleted: try again a few times.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }
    }
}

/// <summary>
/// xUnit's own test framework with one step added: when the assembly's last test has finished, and its fixtures have been
/// disposed, the <see cref="TestDirectories"/> root is deleted, before the run is reported finished (after that the test
/// platform may kill the process at any moment). Test projects that link <see cref="TestDirectories"/> name it in their
/// project file (an <c>AssemblyAttribute</c> for <see cref="Xunit.TestFrameworkAttribute"/>).
/// </summary>
internal sealed class TestDirectoriesFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new Runner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class Runner(ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            await base.BeforeTestAssemblyFinishedAsync();
            TestDirectories.DeleteRoot();
        }
    }
}
