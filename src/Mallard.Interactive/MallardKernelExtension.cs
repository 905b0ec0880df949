using Microsoft.DotNet.Interactive;

namespace Mallard.Interactive;

/// <summary>
/// Mallard as a .NET Interactive extension, for hosts that load extensions by type. In Polyglot Notebooks and the
/// <c>dotnet-interactive</c> tool, <c>#r "nuget: Mallard.Interactive"</c> loads it through the package's
/// <c>interactive-extensions/dotnet/extension.dib</c>.
/// </summary>
public sealed class MallardKernelExtension : IKernelExtension
{
    /// <inheritdoc />
    public Task OnLoadAsync(Kernel kernel) => MallardInteractive.LoadAsync(kernel);
}
