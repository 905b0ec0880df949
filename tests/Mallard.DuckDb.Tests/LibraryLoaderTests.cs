namespace Mallard.DuckDb.Tests;

/// <summary>The native library loads once per process, so these run the test host as a second process.</summary>
public sealed class LibraryLoaderTests
{
    [Fact]
    public void The_library_loads_and_reports_the_version_the_build_pinned()
    {
        var (exitCode, output) = TestHost.Run(null, "load");

        Assert.Equal(0, exitCode);
        Assert.Equal(DuckDbDatabase.LibraryVersion, output.Trim());
        Assert.StartsWith("v1.5", output, StringComparison.Ordinal);
    }

    [Fact]
    public void MALLARD_DUCKDB_LIBRARY_naming_a_missing_file_gives_an_error_naming_the_path_and_the_variable()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"mallard-missing-{Guid.NewGuid():N}", "libduckdb.so");

        var (exitCode, output) = TestHost.Run(new Dictionary<string, string> { ["MALLARD_DUCKDB_LIBRARY"] = missing }, "load");

        Assert.Equal(3, exitCode);
        Assert.Contains(missing, output, StringComparison.Ordinal);
        Assert.Contains("MALLARD_DUCKDB_LIBRARY", output, StringComparison.Ordinal);
    }

    [Fact]
    public void MALLARD_DUCKDB_LIBRARY_naming_a_file_that_is_not_a_library_gives_an_error_naming_it()
    {
        var notALibrary = Path.Combine(Path.GetTempPath(), $"mallard-not-a-library-{Guid.NewGuid():N}.so");
        File.WriteAllText(notALibrary, "this is not a shared library");
        try
        {
            var (exitCode, output) = TestHost.Run(new Dictionary<string, string> { ["MALLARD_DUCKDB_LIBRARY"] = notALibrary }, "load");

            Assert.Equal(3, exitCode);
            Assert.Contains(notALibrary, output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(notALibrary);
        }
    }
}
