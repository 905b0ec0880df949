namespace Mallard.Engine.Tests.Packages;

/// <summary>
/// <c>#r "nuget:"</c> and <c>#i "nuget:"</c> in C# cells, against a feed of packages made for this run (<see cref="LocalFeed"/>)
/// and the real .NET SDK restore.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class PackageTests(LocalFeed feed)
{
    private const string Hello = "Mallard.Test.Greeting.Greeting.Hello";
    private const string CacheNote = " (restored earlier; from Mallard's package cache)";

    [Fact]
    public async Task A_package_from_a_local_feed_works_from_the_next_line_with_its_dependency_and_its_native_library()
    {
        using var session = NewSession();

        var output = await session.ExecuteOk(
            $"#i \"nuget: {feed.Feed}\"\n" +
            $"#r \"nuget: {LocalFeed.GreetingId}, {feed.Version}\"\n" +
            $"{Hello}(\"you\")");

        Assert.Equal("Hello, you (42)", output.ResultText());
        // An earlier test may have restored the same packages from the same feed: the cache note may follow.
        Assert.StartsWith($"Installed {LocalFeed.GreetingId} {feed.Version}", Assert.Single(output.ShownText()));
        Assert.Equal(["display", "result"], output.Bundles.Select(b => b.Kind));
        var dependency = await session.ExecuteOk("Mallard.Test.Words.Vocabulary.Salutation");
        Assert.Equal("Hello", dependency.ResultText());
    }

    [Fact]
    public async Task A_relative_feed_path_resolves_against_the_sessions_working_directory()
    {
        var directory = feed.NewWorkingDirectory();
        var local = Path.Combine(directory, "feeds", "local");
        Directory.CreateDirectory(local);
        foreach (var package in Directory.GetFiles(feed.Feed, "*.nupkg")) File.Copy(package, Path.Combine(local, Path.GetFileName(package)));
        using var session = Sessions.New(workingDirectory: directory);

        var output = await session.ExecuteOk(
            "#i \"nuget: feeds/local\"\n" +
            $"#r \"nuget: {LocalFeed.GreetingId}, {feed.Version}\"\n" +
            $"{Hello}(\"there\")");
        Assert.Equal("Hello, there (42)", output.ResultText());

        // NuGet takes an exact version from its global packages folder without asking a source, which an earlier test may
        // have filled: a package only a feed could have shows that the path is taken from the working directory.
        var missing = "Mallard.Test.Missing" + Guid.NewGuid().ToString("N")[..8];
        var error = await session.ExecuteFailing($"#i \"nuget: no-such-feed\"\n#r \"nuget: {missing}\"\n1");
        Assert.Contains(Path.Combine(directory, "no-such-feed"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_session_asking_for_the_same_packages_reuses_the_first_ones_restore()
    {
        // "[VERSION]" (an exact range) is written by no other test: the first session is the first to restore it.
        var cell = $"#i \"nuget: {feed.Feed}\"\n#r \"nuget: {LocalFeed.GreetingId}, [{feed.Version}]\"\n{Hello}(\"again\")";
        using var first = NewSession();
        using var second = NewSession();

        var restored = await first.ExecuteOk(cell);
        var reused = await second.ExecuteOk(cell);

        Assert.Equal($"Installed {LocalFeed.GreetingId} {feed.Version}\n", Assert.Single(restored.ShownText()));
        Assert.Equal($"Installed {LocalFeed.GreetingId} {feed.Version}{CacheNote}\n", Assert.Single(reused.ShownText()));
        Assert.Equal("Hello, again (42)", restored.ResultText());
        Assert.Equal("Hello, again (42)", reused.ResultText());
    }

    [Fact]
    public async Task An_unknown_package_is_a_package_error_with_nugets_NU1101_and_the_line()
    {
        using var session = NewSession();
        var missing = "Mallard.Test.Missing" + Guid.NewGuid().ToString("N")[..8];

        var error = await session.ExecuteFailing($"// a package nobody published\n#r \"nuget: {missing}\"\n1");

        Assert.Equal("PackageError", error.Name);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("NU1101", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public async Task An_unknown_version_of_a_known_package_is_a_package_error_with_nugets_NU1102_naming_the_version()
    {
        using var session = NewSession();

        var error = await session.ExecuteFailing($"#i \"nuget: {feed.Feed}\"\n#r \"nuget: {LocalFeed.GreetingId}, 9.9.9\"\n1");

        Assert.Equal("PackageError", error.Name);
        Assert.Contains("NU1102", error.Message, StringComparison.Ordinal);
        Assert.Contains("9.9.9", error.Message, StringComparison.Ordinal);
        Assert.Contains(LocalFeed.GreetingId, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    [Theory]
    [InlineData("https://127.0.0.1:9/v3/index.json", "NU1301")]
    // A plain-HTTP source a cell names is allowed (NuGet would refuse it with NU1302 otherwise), and then cannot be reached.
    [InlineData("http://127.0.0.1:9/v3/index.json", "NU1301")]
    public async Task A_source_that_cannot_be_used_is_an_error_naming_it_and_is_forgotten_by_the_session(string source, string code)
    {
        using var session = NewSession();
        var missing = "Mallard.Test.Missing" + Guid.NewGuid().ToString("N")[..8];

        var error = await session.ExecuteFailing($"#i \"nuget: {source}\"\n#r \"nuget: {missing}\"\n1");

        Assert.Equal("PackageError", error.Name);
        Assert.Contains(source, error.Message, StringComparison.Ordinal);
        Assert.Contains(code, error.Message, StringComparison.Ordinal);
        // The error points at the #i line of the source it names.
        Assert.Equal(1, error.Line);
        var output = await session.ExecuteOk($"#i \"nuget: {feed.Feed}\"\n#r \"nuget: {LocalFeed.GreetingId}, {feed.Version}\"\n{Hello}(\"later\")");
        Assert.Equal("Hello, later (42)", output.ResultText());
    }

    [Fact]
    public async Task A_cell_of_source_lines_alone_names_the_feed_for_a_later_cells_package()
    {
        using var session = NewSession();
        var sources = await session.ExecuteOk($"#i \"nuget: {feed.Feed}\"");
        Assert.Empty(sources.Bundles);

        var output = await session.ExecuteOk($"#r \"nuget: {LocalFeed.GreetingId}, {feed.Version}\"\n{Hello}(\"next cell\")");

        Assert.Equal("Hello, next cell (42)", output.ResultText());
    }

    [Fact]
    public async Task After_a_failed_install_a_later_cell_installs_a_good_package()
    {
        using var session = NewSession();
        var missing = "Mallard.Test.Missing" + Guid.NewGuid().ToString("N")[..8];
        await session.ExecuteFailing($"#i \"nuget: {feed.Feed}\"\n#r \"nuget: {missing}\"\n1");

        var output = await session.ExecuteOk($"#r \"nuget: {LocalFeed.GreetingId}, {feed.Version}\"\n{Hello}(\"still\")");

        Assert.Equal("Hello, still (42)", output.ResultText());
        Assert.StartsWith($"Installed {LocalFeed.GreetingId} {feed.Version}", Assert.Single(output.ShownText()));
    }

    [Theory]
    [InlineData("[1.0.0-a,2.0.0)")]
    [InlineData("1.0.0-t*")]
    public async Task A_version_range_or_a_floating_version_picks_the_feeds_package(string version)
    {
        using var session = NewSession();

        var output = await session.ExecuteOk($"#i \"nuget: {feed.Feed}\"\n#r \"nuget: {LocalFeed.GreetingId}, {version}\"\n{Hello}(\"range\")");

        Assert.StartsWith($"Installed {LocalFeed.GreetingId} {feed.Version}", Assert.Single(output.ShownText()));
        Assert.Equal("Hello, range (42)", output.ResultText());
    }

    [Fact]
    public async Task Nuget_lines_after_code_work_as_at_the_top_of_the_cell()
    {
        using var session = NewSession();

        var output = await session.ExecuteOk(
            "var name = \"late\";\n" +
            $"#i \"nuget: {feed.Feed}\"\n" +
            $"#r \"nuget: {LocalFeed.GreetingId}, {feed.Version}\"\n" +
            $"{Hello}(name)");

        Assert.Equal("Hello, late (42)", output.ResultText());
    }

    [Fact]
    public async Task A_package_installs_in_a_cell_after_a_sql_result_became_a_variable()
    {
        using var session = NewSession();
        await session.ExecuteOk("#!sql --name numbers --quiet\nSELECT 42 AS n");

        var output = await session.ExecuteOk(
            $"#i \"nuget: {feed.Feed}\"\n#r \"nuget: {LocalFeed.GreetingId}, {feed.Version}\"\n{Hello}(numbers.RowCount.ToString())");

        Assert.Equal("Hello, 1 (42)", output.ResultText());
    }

    [Fact]
    public async Task A_compile_error_after_nuget_lines_keeps_the_cells_own_line_numbers()
    {
        using var session = NewSession();

        var error = await session.ExecuteFailing(
            $"#i \"nuget: {feed.Feed}\"\n" +
            $"#r \"nuget: {LocalFeed.GreetingId}, {feed.Version}\"\n" +
            "var a = 1;\n" +
            "var b = a + missingName;");

        Assert.Equal("CompilationError", error.Name);
        Assert.Equal((4, 13), (error.Line, error.Column));
        Assert.Contains("  line 4 | var b = a + missingName;", error.Traceback);
    }

    private Session NewSession() => Sessions.New(workingDirectory: feed.NewWorkingDirectory());
}
