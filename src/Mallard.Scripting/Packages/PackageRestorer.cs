using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mallard.Engine.Scripting.Packages;

/// <summary>
/// Restores the packages a session's cells ask for, as the .NET SDK restores a project: every package the session has asked
/// for so far, in one restore (so that their shared dependencies agree), with the session's extra sources, for this process's
/// framework and platform (so that native assets come too). The SDK does the restore (<c>dotnet restore</c> of a small
/// generated project), so the user's NuGet configuration (sources, credentials, the package cache) applies as it does to
/// their projects. A restore is kept in Mallard's cache folder under a hash of what it restored: a later session asking for
/// the same packages reuses it without asking a feed.
/// </summary>
internal sealed class PackageRestorer(string workingDirectory)
{
    private readonly List<PackageReference> _packages = [];
    private readonly List<string> _sources = [];
    private readonly Dictionary<string, IReadOnlyList<string>> _assemblies = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

    /// <summary>How many restores this session ran (a restore found in the cache runs none).</summary>
    public int RestoreCount { get; private set; }

    /// <summary>Where restores are kept: <c>MALLARD_PACKAGES</c>, else <c>mallard/packages</c> in the user's local application data.</summary>
    public static string CacheRoot
    {
        get
        {
            if (Environment.GetEnvironmentVariable("MALLARD_PACKAGES") is { Length: > 0 } configured) return Path.GetFullPath(configured);
            var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
            if (string.IsNullOrEmpty(data)) data = Path.Combine(Path.GetTempPath(), "mallard-" + Environment.UserName);
            return Path.Combine(data, "mallard", "packages");
        }
    }

    /// <summary>The framework restores are for: this process's.</summary>
    public static string TargetFramework { get; } = $"net{Environment.Version.Major}.{Environment.Version.Minor}";

    /// <summary>The platform native assets are for: this process's.</summary>
    public static string RuntimeIdentifier => RuntimeInformation.RuntimeIdentifier;

    /// <summary>Adds <paramref name="sources"/> and <paramref name="packages"/> to the session's and restores them all; returns what was installed.</summary>
    public async Task<IReadOnlyList<InstalledPackage>> RestoreAsync(IReadOnlyList<PackageReference> packages, IReadOnlyList<string> sources, CancellationToken cancellationToken)
    {
        List<PackageReference> all;
        List<string> allSources;
        List<PackageReference> before;
        List<string> sourcesBefore;
        lock (_lock)
        {
            before = [.. _packages];
            sourcesBefore = [.. _sources];
            AddSourcesLocked(sources);
            foreach (var package in packages)
            {
                _packages.RemoveAll(p => string.Equals(p.Id, package.Id, StringComparison.OrdinalIgnoreCase));
                _packages.Add(package);
            }
            all = [.. _packages];
            allSources = [.. _sources];
        }
        if (all.Count == 0) return [];

        var folder = ProjectFolder(all, allSources);
        var assets = Path.Combine(folder, "obj", "project.assets.json");
        var restored = File.Exists(assets) ? Read(assets) : null;
        if (restored is null || restored.Any(p => !Directory.Exists(p.Folder)))
        {
            try
            {
                await RunRestoreAsync(folder, all, allSources, cancellationToken).ConfigureAwait(false);
                restored = Read(assets) ?? throw new PackageRestoreException("The restore wrote no list of assets; run it again.");
            }
            catch
            {
                // What failed is forgotten: the session's next #r restores what it had before, not this cell's mistake again.
                lock (_lock)
                {
                    _packages.Clear();
                    _packages.AddRange(before);
                    _sources.Clear();
                    _sources.AddRange(sourcesBefore);
                }
                throw;
            }
            RestoreCount++;
        }

        var byId = restored.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
        lock (_lock)
        {
            foreach (var package in all)
            {
                if (!byId.ContainsKey(package.Id)) continue;
                _assemblies[package.Id] = [.. Closure(package.Id, byId).SelectMany(p => p.Assemblies).Distinct(StringComparer.Ordinal)];
            }
        }
        PackageLoading.Add(restored.SelectMany(p => p.NativeDirectories), restored.SelectMany(p => p.Assemblies));
        return [.. all.Where(p => byId.ContainsKey(p.Id)).Select(p => byId[p.Id])];
    }

    /// <summary>The assemblies (with those of its dependencies) of a restored package, by what follows <c>nuget:</c>.</summary>
    /// <summary>
    /// Adds <paramref name="sources"/> to the session's without restoring: a cell of <c>#i</c> lines alone names the feeds of
    /// later cells' <c>#r</c>, as in Polyglot. A source that cannot be used shows when a restore first needs it.
    /// </summary>
    public void AddSources(IReadOnlyList<string> sources)
    {
        lock (_lock) AddSourcesLocked(sources);
    }

    private void AddSourcesLocked(IReadOnlyList<string> sources)
    {
        foreach (var source in sources.Select(Resolve))
            if (!_sources.Contains(source, StringComparer.Ordinal)) _sources.Add(source);
    }

    public IReadOnlyList<string>? AssembliesFor(string reference)
    {
        if (PackageReference.Parse(reference) is not { } package) return null;
        lock (_lock) return _assemblies.TryGetValue(package.Id, out var paths) ? paths : null;
    }

    private string Resolve(string source) =>
        Uri.TryCreate(source, UriKind.Absolute, out var uri) && !uri.IsFile ? source : Path.GetFullPath(Path.Combine(workingDirectory, source));

    private static IEnumerable<InstalledPackage> Closure(string id, Dictionary<string, InstalledPackage> byId)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<string>([id]);
        while (stack.Count > 0)
        {
            var next = stack.Pop();
            if (!seen.Add(next) || !byId.TryGetValue(next, out var package)) continue;
            yield return package;
            foreach (var dependency in package.Dependencies) stack.Push(dependency);
        }
    }

    private static string ProjectFolder(IReadOnlyList<PackageReference> packages, IReadOnlyList<string> sources)
    {
        var key = string.Join("\n", packages.Select(p => p.Id.ToLowerInvariant() + " " + p.VersionRange).Order(StringComparer.Ordinal))
            + "\n--\n" + string.Join("\n", sources) + "\n--\n" + TargetFramework + " " + RuntimeIdentifier;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        return Path.Combine(CacheRoot, hash);
    }

    private static async Task RunRestoreAsync(string folder, IReadOnlyList<PackageReference> packages, IReadOnlyList<string> sources, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var project = Path.Combine(folder, "restore.csproj");
        await File.WriteAllTextAsync(project, ProjectText(packages), cancellationToken).ConfigureAwait(false);
        // The cells' #i sources, beside the user's own (a NuGet.Config here adds to theirs). A plain-HTTP feed (a team's server
        // on the local network) is one the cell asked for by name, so NuGet is told to allow it.
        var config = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n");
        for (var i = 0; i < sources.Count; i++)
        {
            config.Append(CultureInfo.InvariantCulture, $"    <add key=\"mallard-source-{i + 1}\" value=\"{System.Security.SecurityElement.Escape(sources[i])}\"")
                .Append(sources[i].StartsWith("http:", StringComparison.OrdinalIgnoreCase) ? " allowInsecureConnections=\"true\"" : "")
                .Append(" />\n");
        }
        config.Append("  </packageSources>\n</configuration>\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "nuget.config"), config.ToString(), cancellationToken).ConfigureAwait(false);
        // Empty files stop MSBuild looking above this folder for the build settings of some repository.
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path)) await File.WriteAllTextAsync(path, "<Project />", cancellationToken).ConfigureAwait(false);
        }

        var dotnet = DotnetSdk.Host() ?? throw new PackageRestoreException(
            "Restoring NuGet packages needs the .NET SDK's dotnet command, and there is none on PATH or in DOTNET_ROOT. "
            + "Install the .NET 10 SDK, or put the folder that holds dotnet on PATH.");
        var start = new ProcessStartInfo(dotnet, ["restore", project, "-nologo", "--verbosity", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        // The host may itself run under MSBuild or a test runner: none of their settings belong to this restore.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("MSBUILD", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Start(start);
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        if (process.ExitCode == 0) return;
        // Keep NuGet's own messages (NU1101 unknown package, NU1102 unknown version, NU1301 unreachable source), without the project path.
        var errors = output.Split('\n')
            .Select(l => l.Trim())
            .Select(l => l.IndexOf(" error ", StringComparison.Ordinal) is var at and >= 0 ? l[(at + 7)..] : l.StartsWith("error ", StringComparison.Ordinal) ? l[6..] : null)
            .OfType<string>()
            .Select(l => l.Replace(" [" + project + "]", "", StringComparison.Ordinal).Trim())
            .Distinct()
            .ToList();
        throw new PackageRestoreException(errors.Count > 0 ? string.Join("\n", errors) : output.Trim());
    }

    private static string ProjectText(IReadOnlyList<PackageReference> packages)
    {
        var sb = new StringBuilder();
        sb.AppendLine("<Project Sdk=\"Microsoft.NET.Sdk\">");
        sb.AppendLine("  <PropertyGroup>");
        sb.AppendLine(CultureInfo.InvariantCulture, $"    <TargetFramework>{TargetFramework}</TargetFramework>");
        sb.AppendLine(CultureInfo.InvariantCulture, $"    <RuntimeIdentifier>{RuntimeIdentifier}</RuntimeIdentifier>");
        sb.AppendLine("    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>");
        sb.AppendLine("    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>");
        sb.AppendLine("    <NuGetAudit>false</NuGetAudit>");
        sb.AppendLine("  </PropertyGroup>");
        sb.AppendLine("  <ItemGroup>");
        foreach (var package in packages)
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"    <PackageReference Include=\"{System.Security.SecurityElement.Escape(package.Id)}\" Version=\"{System.Security.SecurityElement.Escape(package.VersionRange)}\" />");
        }
        sb.AppendLine("  </ItemGroup>");
        sb.AppendLine("</Project>");
        return sb.ToString();
    }

    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new PackageRestoreException($"The .NET SDK's dotnet ({start.FileName}) could not be started to restore packages.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PackageRestoreException($"The .NET SDK's dotnet ({start.FileName}) could not be started to restore packages: {e.Message}");
        }
    }

    /// <summary>The packages in a restore's <c>project.assets.json</c>, with their assemblies, native folders and dependencies; null when unreadable.</summary>
    private static List<InstalledPackage>? Read(string assetsPath)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(assetsPath));
            var root = document.RootElement;
            var packageFolder = root.GetProperty("packageFolders").EnumerateObject().First().Name;
            var target = root.GetProperty("targets").EnumerateObject().FirstOrDefault(t => t.Name.Contains('/', StringComparison.Ordinal)).Value;
            if (target.ValueKind != JsonValueKind.Object) return null;
            var framework = FrameworkAssemblies.Value;
            var result = new List<InstalledPackage>();
            foreach (var library in target.EnumerateObject())
            {
                if (!library.Value.TryGetProperty("type", out var type) || type.GetString() != "package") continue;
                var (id, version) = (library.Name[..library.Name.IndexOf('/', StringComparison.Ordinal)], library.Name[(library.Name.IndexOf('/', StringComparison.Ordinal) + 1)..]);
                var relative = root.GetProperty("libraries").GetProperty(library.Name).GetProperty("path").GetString()!;
                var folder = Path.Combine(packageFolder, relative);
                var assemblies = Assets(library.Value, "runtime")
                    .Where(a => a.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && !framework.Contains(Path.GetFileName(a)))
                    .Select(a => Path.GetFullPath(Path.Combine(folder, a)))
                    .ToList();
                var natives = Assets(library.Value, "native").Select(a => Path.GetDirectoryName(Path.GetFullPath(Path.Combine(folder, a)))!).Distinct().ToList();
                var dependencies = library.Value.TryGetProperty("dependencies", out var d) ? d.EnumerateObject().Select(p => p.Name).ToList() : [];
                result.Add(new InstalledPackage(id, version, folder, assemblies, natives, dependencies));
            }
            return result;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Assets(JsonElement library, string kind) =>
        library.TryGetProperty(kind, out var assets)
            ? assets.EnumerateObject().Select(a => a.Name).Where(a => !a.EndsWith("/_._", StringComparison.Ordinal))
            : [];

    /// <summary>The file names of the assemblies the shared framework already has (a package's copy of one is not referenced).</summary>
    private static readonly Lazy<HashSet<string>> FrameworkAssemblies = new(() =>
        [.. ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.Contains(Path.DirectorySeparatorChar + "shared" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(Path.GetFileName).OfType<string>()]);
}

/// <summary>A restored package: its id and version, its folder, the assemblies it gives this platform, its native folders and its dependencies' ids.</summary>
internal sealed record InstalledPackage(string Id, string Version, string Folder, IReadOnlyList<string> Assemblies, IReadOnlyList<string> NativeDirectories, IReadOnlyList<string> Dependencies);

/// <summary>A restore that failed, with NuGet's messages.</summary>
internal sealed class PackageRestoreException(string message) : Exception(message);
