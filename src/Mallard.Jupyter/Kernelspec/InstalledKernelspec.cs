namespace Mallard.Jupyter.Kernelspec;

/// <summary>A kernelspec found on disk.</summary>
/// <param name="Name">The kernel's name (its directory's name).</param>
/// <param name="Directory">The kernelspec directory.</param>
/// <param name="DisplayName">What front ends show.</param>
/// <param name="Argv">The command line Jupyter runs.</param>
public sealed record InstalledKernelspec(string Name, string Directory, string DisplayName, IReadOnlyList<string> Argv)
{
    /// <summary>Whether its metadata marks it as a Mallard kernelspec.</summary>
    internal bool IsMarked { get; init; }
}
