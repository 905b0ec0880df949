using Mallard.Engine.Magics;

namespace Mallard.Engine.Tests;

/// <summary>Each magic lives in one file of the magic table: its name, options, help, completion and handler.</summary>
public sealed class MagicTableTests
{
    private static string CommandsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kernel.sln"))) return Path.Combine(dir.FullName, "src", "Mallard.Engine", "Magics", "Commands");
        }
        throw new InvalidOperationException("The tests run inside the repository; no Kernel.sln above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Every_file_of_the_magic_table_is_one_magic_and_every_magic_is_one_file()
    {
        var files = Directory.GetFiles(CommandsFolder(), "*.cs").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToList();
        var commands = MagicCatalog.Commands.Select(c => c.GetType().Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(files, commands);
        Assert.All(MagicCatalog.Commands, c => Assert.Equal(c.Spec.Name, c.GetType().Name[..^"Magic".Length], StringComparer.OrdinalIgnoreCase));
        Assert.Equal(MagicCatalog.Commands.Count, MagicCatalog.Commands.Select(c => c.Order).Distinct().Count());
    }

    [Fact]
    public async Task Every_magic_in_the_table_is_parsed_listed_by_help_and_offered_by_completion()
    {
        using var session = Sessions.New();
        var help = (await session.RunOk("#!help")).Stdout;
        var offered = (await session.CompleteAsync("#!", 2)).Items.Select(i => i.Text).ToList();

        foreach (var spec in MagicCatalog.All)
        {
            var also = spec.Aliases is { Count: > 0 } aliases ? "  (also " + string.Join(", ", aliases.Select(a => "#!" + a)) + ")" : "";
            Assert.Contains(spec.Usage + also + "\n    " + spec.Summary, help, StringComparison.Ordinal);
            Assert.Contains("#!" + spec.Name, offered);
            foreach (var name in new[] { spec.Name }.Concat(spec.Aliases ?? []))
                Assert.Same(spec, MagicParser.ParseLine("#!" + name + string.Concat(spec.Positionals.Take(spec.RequiredPositionals).Select(p => " x")), 0).Spec);
        }
        Assert.Contains("%%sql", (await session.CompleteAsync("%%", 2)).Items.Select(i => i.Text));
    }
}
