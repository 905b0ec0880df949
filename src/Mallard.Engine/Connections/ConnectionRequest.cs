using System.Reflection;

namespace Mallard.Engine.Connections;

/// <summary>What <c>#!connect</c> asks a provider to open.</summary>
/// <param name="Name">The connection's name in the session.</param>
/// <param name="Target">A file path, <c>:memory:</c> or a connection string, as the provider takes it.</param>
/// <param name="ReadOnly">Whether <c>--read-only</c> was given.</param>
/// <param name="ProviderType">The <c>--provider</c> type name, or null.</param>
/// <param name="WorkingDirectory">The directory relative paths resolve against.</param>
/// <param name="LoadedAssemblies">The assemblies the session has loaded (<c>#r</c>), where a provider type may live.</param>
public sealed record ConnectionRequest(
    string Name,
    string Target,
    bool ReadOnly,
    string? ProviderType,
    string WorkingDirectory,
    IReadOnlyList<Assembly> LoadedAssemblies);
