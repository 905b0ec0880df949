using Mallard.Warehouse;

namespace Mallard.Interactive.Tests;

/// <summary>The package's extension.dib imports what loading Mallard in a host's own kernel imports.</summary>
public sealed class ExtensionScriptTests
{
    [Fact]
    public void The_extension_scripts_imports_are_those_a_host_gets_from_LoadAsync()
    {
        var root = WarehouseLocation.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"The tests run from inside the repository; no Kernel.sln above {AppContext.BaseDirectory}.");
        var script = File.ReadAllLines(Path.Combine(root, "src", "Mallard.Interactive", "extension.dib"));
        var imported = script.Where(l => l.StartsWith("using ", StringComparison.Ordinal)).ToList();
        var expected = MallardInteractive.CSharpImports.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, imported);
    }
}
