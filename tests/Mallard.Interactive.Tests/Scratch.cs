using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
namespace Mallard.Interactive.Tests;
[Collection(InteractiveCollection.Name)]
public sealed class Scratch(InteractiveFixture fixture)
{
    [Fact]
    public async Task Explore()
    {
        using var kernel = await TestKernel.StartAsync(fixture.Warehouse);
        await kernel.RunAsync($"#!connect duckdb --kernel-name mydb \"Data Source={Path.Combine(fixture.Root, "scratch.duckdb")}\"");
        foreach (var code in new[] { "#!share --from mydb nothing_here", "#!share --from csharp nothing_here", "#!mydb\nSELECT 1", "#!connect duckdb --kernel-name bad \"Data Source=x;Read Only=maybe\"" })
        {
            var result = await kernel.Root.SendAsync(new SubmitCode(code));
            Console.WriteLine("=== " + code);
            foreach (var e in result.Events) Console.WriteLine($"  {e.GetType().Name} [{e.Command.GetType().Name}] {(e as CommandFailed)?.Message} {(e as ErrorProduced)?.Message} {(e as DisplayEvent)?.FormattedValues.FirstOrDefault()?.Value}");
        }
    }
}
