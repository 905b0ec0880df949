using Mallard.DuckDb;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Mallard.Interactive.Tests;

/// <summary>
/// A composite kernel as Polyglot Notebooks builds one (.NET Interactive's C# kernel with its helpers and value sharing),
/// with Mallard loaded, and ways to submit cells and read what they produced.
/// </summary>
internal sealed class TestKernel : IDisposable
{
    private TestKernel(CompositeKernel root) => Root = root;

    public CompositeKernel Root { get; }

    public static async Task<TestKernel> StartAsync(string warehouse, string? workingDirectory = null)
    {
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        var root = new CompositeKernel { csharp };
        root.DefaultKernelName = csharp.Name;
        await MallardInteractive.LoadAsync(root, new MallardInteractiveOptions { WarehousePath = warehouse, WorkingDirectory = workingDirectory });
        return new TestKernel(root);
    }

    /// <summary>Submits a cell and returns what it produced; a failure is an assertion with the kernel's message.</summary>
    public async Task<KernelCommandResult> RunAsync(string code)
    {
        var result = await Root.SendAsync(new SubmitCode(code));
        if (result.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
            Assert.Fail($"The cell failed: {failed.Message}\n--- cell ---\n{code}");
        return result;
    }

    /// <summary>Submits a cell that must fail and returns the failure's message.</summary>
    public async Task<string> FailAsync(string code)
    {
        var result = await Root.SendAsync(new SubmitCode(code));
        var failed = result.Events.OfType<CommandFailed>().FirstOrDefault();
        Assert.True(failed is not null, $"The cell should have failed but succeeded:\n{code}");
        return failed!.Message;
    }

    /// <summary>The value of a C# expression, evaluated in the C# kernel.</summary>
    public async Task<T> ValueAsync<T>(string expression)
    {
        var result = await RunAsync(expression);
        var value = result.Events.OfType<ReturnValueProduced>().LastOrDefault()?.Value;
        return Assert.IsType<T>(value, exactMatch: false);
    }

    public static FormattedValue Formatted(DisplayEvent e, string mimeType) =>
        e.FormattedValues.FirstOrDefault(f => f.MimeType == mimeType)
        ?? throw new Xunit.Sdk.XunitException($"The output has no {mimeType}; it has {string.Join(", ", e.FormattedValues.Select(f => f.MimeType))}.");

    /// <summary>The text/plain form of a shown value (empty when it has none).</summary>
    public static string PlainText(DisplayEvent e) => e.FormattedValues.FirstOrDefault(f => f.MimeType == PlainTextFormatter.MimeType)?.Value ?? "";

    /// <summary>One value from a query run directly on the warehouse, to compare with.</summary>
    public static T Scalar<T>(string warehouse, string sql, object? parameters = null)
    {
        using var database = DuckDbDatabase.Open(warehouse, readOnly: true);
        using var connection = database.Connect();
        var frame = connection.Query(sql, parameters);
        return (T)Convert.ChangeType(frame.Columns[0].GetValue(0)!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => Root.Dispose();
}
