using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Mallard.Tests;

/// <summary>
/// A NuGet feed in a temporary folder with two packages made for this run by the .NET SDK (<c>dotnet pack</c>):
/// <c>Mallard.Test.Words</c>, a class with a string, and <c>Mallard.Test.Greeting</c>, which depends on Words and carries a
/// native library compiled here by <c>cc</c> (<c>runtimes/RID/native/libmallardgreet.so</c>, whose <c>mallard_answer()</c>
/// gives 42). Their version is unique to the run, so no package cache can serve a copy from an earlier run. Restores of the
/// sessions go to a temporary <c>MALLARD_PACKAGES</c> for as long as the fixture lives; at the end the run's packages
/// leave the NuGet global packages folder and the temporary folders go.
/// </summary>
public class LocalFeed : IAsyncLifetime
{
    private const string CacheVariable = "MALLARD_PACKAGES";
    private static readonly TimeSpan ToolGuard = TimeSpan.FromMinutes(5);
    private string? _previousCache;

    public LocalFeed()
        : this("1.0.0-t")
    {
    }

    /// <summary>
    /// A feed whose version starts with <paramref name="versionPrefix"/>: test projects that run at the same time use different
    /// ones, so that a version range one of them asks for never matches the other's packages in NuGet's shared cache.
    /// </summary>
    protected LocalFeed(string versionPrefix)
    {
        Root = TestDirectories.Create("mallard-packages-");
        Feed = Path.Combine(Root, "feed");
        Cache = Path.Combine(Root, "restores");
        Version = versionPrefix + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..3]);
    }

    public const string WordsId = "Mallard.Test.Words";

    public const string GreetingId = "Mallard.Test.Greeting";

    /// <summary>The folder everything of this run is in.</summary>
    public string Root { get; }

    /// <summary>The feed: a folder with the two packages.</summary>
    public string Feed { get; }

    /// <summary>Where sessions keep their restores (<c>MALLARD_PACKAGES</c>) while the fixture lives.</summary>
    public string Cache { get; }

    /// <summary>The version of both packages.</summary>
    public string Version { get; }

    /// <summary>The platform the native library is packed for: this process's.</summary>
    public static string RuntimeIdentifier => RuntimeInformation.RuntimeIdentifier;

    /// <summary>A new folder for a session to work in, inside <see cref="Root"/>.</summary>
    public string NewWorkingDirectory()
    {
        var directory = Path.Combine(Root, "work-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        return directory;
    }

    public async Task InitializeAsync()
    {
        _previousCache = Environment.GetEnvironmentVariable(CacheVariable);
        Environment.SetEnvironmentVariable(CacheVariable, Cache);
        try
        {
            await MakeFeedAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task MakeFeedAsync()
    {
        Directory.CreateDirectory(Feed);
        var source = Path.Combine(Root, "src");
        // Empty build settings: MSBuild looks no higher for a repository's.
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            await WriteAsync(Path.Combine(source, name), "<Project />\n");

        var words = Path.Combine(source, "Words");
        await WriteAsync(Path.Combine(words, WordsId + ".csproj"), Project(WordsId, ""));
        await WriteAsync(Path.Combine(words, "Vocabulary.cs"), """
            namespace Mallard.Test.Words;

            public static class Vocabulary
            {
                // A property, not a constant: a constant would be copied into Greeting, which would then not need Words to run.
                public static string Salutation => "Hello";
            }
            """);

        var greeting = Path.Combine(source, "Greeting");
        var native = Path.Combine(greeting, "native");
        Directory.CreateDirectory(native);
        await WriteAsync(Path.Combine(native, "greet.c"), "int mallard_answer(void) { return 42; }\n");
        await CompileNativeAsync(Path.Combine(native, "greet.c"), Path.Combine(native, "libmallardgreet.so"));
        await WriteAsync(Path.Combine(greeting, GreetingId + ".csproj"), Project(GreetingId, $"""
              <ItemGroup>
                <ProjectReference Include="../Words/{WordsId}.csproj" />
                <None Include="native/libmallardgreet.so" Pack="true" PackagePath="runtimes/{RuntimeIdentifier}/native/" />
              </ItemGroup>
            """));
        await WriteAsync(Path.Combine(greeting, "Greeting.cs"), """
            using System.Runtime.InteropServices;
            using Mallard.Test.Words;

            namespace Mallard.Test.Greeting;

            public static class Greeting
            {
                public static string Hello(string name) => $"{Vocabulary.Salutation}, {name} ({mallard_answer()})";

                [DllImport("mallardgreet")]
                private static extern int mallard_answer();
            }
            """);

        await DotnetAsync(source, "pack", Path.Combine(words, WordsId + ".csproj"), "-c", "Release", "-o", Feed, "-nologo");
        await DotnetAsync(source, "pack", Path.Combine(greeting, GreetingId + ".csproj"), "-c", "Release", "-o", Feed, "-nologo");
        foreach (var id in new[] { WordsId, GreetingId })
        {
            var package = Path.Combine(Feed, $"{id}.{Version}.nupkg");
            Assert.True(File.Exists(package), $"dotnet pack made no {package}; the feed has: {string.Join(", ", Directory.GetFiles(Feed).Select(Path.GetFileName))}");
        }
    }

    public Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(CacheVariable, _previousCache);
        var global = GlobalPackagesFolder();
        foreach (var id in new[] { WordsId, GreetingId })
        {
            var idFolder = Path.Combine(global, id.ToLowerInvariant());
            DeleteFolder(Path.Combine(idFolder, Version.ToLowerInvariant()));
            if (Directory.Exists(idFolder) && !Directory.EnumerateFileSystemEntries(idFolder).Any()) DeleteFolder(idFolder);
        }
        DeleteFolder(Root);
        return Task.CompletedTask;
    }

    /// <summary>NuGet's global packages folder: <c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>.</summary>
    public static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private string Project(string id, string items) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net{Environment.Version.Major}.{Environment.Version.Minor}</TargetFramework>
            <Nullable>enable</Nullable>
            <PackageId>{id}</PackageId>
            <Version>{Version}</Version>
            <Authors>Mallard tests</Authors>
            <Description>A package Mallard's tests make for one run and then remove.</Description>
            <IsPackable>true</IsPackable>
            <NuGetAudit>false</NuGetAudit>
            <GenerateDocumentationFile>false</GenerateDocumentationFile>
          </PropertyGroup>
        {items}
        </Project>
        """;

    private static async Task WriteAsync(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text);
    }

    private static async Task CompileNativeAsync(string source, string library)
    {
        try
        {
            await RunAsync("cc", Path.GetDirectoryName(source)!, "-shared", "-fPIC", "-o", library, source);
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                "The package tests compile a native library with cc, which is not installed: install gcc (apt-get install gcc).", e);
        }
    }

    private static Task DotnetAsync(string directory, params string[] arguments) => RunAsync(DotnetHost(), directory, arguments);

    /// <summary>Runs a tool to its end; throws with everything it wrote when it fails.</summary>
    private static async Task RunAsync(string program, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        // The test host runs under MSBuild's and the runner's settings: none of them belong to these builds.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(ToolGuard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not end within {ToolGuard}.");
        }
        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{output}");
    }

    /// <summary>The dotnet that runs the tests (DOTNET_HOST_PATH), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static void DeleteFolder(string path)
    {
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }
}
