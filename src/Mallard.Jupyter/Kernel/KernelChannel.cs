namespace Mallard.Jupyter.Kernel;

/// <summary>The ROUTER channel a request came on.</summary>
internal enum KernelChannel
{
    Shell,
    Control,
}
