namespace Mallard.Repl.Tests;

/// <summary>
/// NuGet in the REPL, in a real terminal: <c>#i</c> names a feed made for the run, <c>#r "nuget: ..."</c> restores a package
/// with its dependency and native library, and its code runs on the next line; an unknown package is an error naming it and
/// the prompt comes back.
/// </summary>
public sealed class PackageTerminalTests(PackageTerminalTests.ReplFeed feed) : IClassFixture<PackageTerminalTests.ReplFeed>
{
    /// <summary>The feed, with versions of its own (3.0.0-repl...): the engine's package tests ask for ranges of 1.0.0 ones.</summary>
    public sealed class ReplFeed() : LocalFeed("3.0.0-repl");

    [Fact]
    public void A_package_restores_in_the_repl_and_its_code_and_native_library_run_on_the_next_line()
    {
        using var tmux = new Tmux(feed.NewWorkingDirectory(), new Dictionary<string, string> { ["MALLARD_PACKAGES"] = feed.Cache }, "--csharp", ":memory:");
        tmux.WaitFor("c#>");
        tmux.Line($"#i \"nuget: {feed.Feed}\"");
        tmux.WaitFor(s => Tmux.LastLine(s) == "c#>" && s.Split('\n').Count(l => l.TrimEnd() == "c#>" || l.StartsWith("c#> ", StringComparison.Ordinal)) >= 2, "the prompt after #i");
        tmux.Line($"#r \"nuget: {LocalFeed.GreetingId}, {feed.Version}\"");
        tmux.WaitFor($"Installed {LocalFeed.GreetingId} {feed.Version}", TimeSpan.FromMinutes(3));
        tmux.WaitFor(s => Tmux.LastLine(s) == "c#>", "the prompt after the restore");
        tmux.Line("Mallard.Test.Greeting.Greeting.Hello(\"terminal\")");
        tmux.WaitFor("Hello, terminal (42)");

        tmux.Line("#r \"nuget: Mallard.Test.NoSuchPackage, 1.0.0\"");
        var screen = tmux.WaitFor("NU1101", TimeSpan.FromMinutes(3));
        Assert.Contains("Mallard.Test.NoSuchPackage", screen, StringComparison.Ordinal);
        tmux.WaitFor(s => Tmux.LastLine(s) == "c#>", "the prompt after the failed restore");
        tmux.Line("Mallard.Test.Words.Vocabulary.Salutation + \" again\"");
        tmux.WaitFor("Hello again");
    }
}
