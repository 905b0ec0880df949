using System.Runtime.CompilerServices;
using System.Text;

namespace Mallard.Tests;

/// <summary>
/// Compares rendered output with a file kept beside the tests in <c>Expected/</c>, byte for byte.
/// To accept new output deliberately, run the tests with <c>MALLARD_UPDATE_EXPECTED=1</c>: the files
/// are rewritten from what the code renders now, and the diff shows in review.
/// </summary>
internal static class Expected
{
    public const string UpdateVariable = "MALLARD_UPDATE_EXPECTED";

    public static void Matches(string actual, string fileName, [CallerFilePath] string callerFile = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Expected");
        var path = Path.Combine(directory, fileName);
        var actualBytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(actual);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllBytes(path, actualBytes);
            return;
        }
        Assert.True(File.Exists(path), $"No expected file {fileName}; run the tests once with {UpdateVariable}=1 to create it, then review it.");
        var expectedBytes = File.ReadAllBytes(path);
        if (expectedBytes.AsSpan().SequenceEqual(actualBytes)) return;
        var expected = Encoding.UTF8.GetString(expectedBytes);
        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at]) at++;
        var from = Math.Max(0, at - 60);
        Assert.Fail($"Output differs from Expected/{fileName} at character {at} (run with {UpdateVariable}=1 to accept it).\n" +
                    $"expected: …{Excerpt(expected, from)}…\n  actual: …{Excerpt(actual, from)}…");
    }

    private static string Excerpt(string text, int from) =>
        from >= text.Length ? "" : text.Substring(from, Math.Min(160, text.Length - from));
}
