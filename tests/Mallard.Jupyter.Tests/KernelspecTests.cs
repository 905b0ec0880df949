using System.Buffers.Binary;
using System.Text.Json;
using Mallard.Jupyter.Kernelspec;

namespace Mallard.Jupyter.Tests;

public sealed class KernelspecTests : IDisposable
{
    private readonly string _root = Path.Combine(TestDirectories.Create("mallard-kernelspec-"), "kernels");

    [Fact]
    public void Install_writes_kernel_json_with_an_absolute_command_message_interrupts_and_logos()
    {
        var launcher = new[] { Path.GetFullPath("/opt/tools/mallard") };
        var directory = KernelspecManager.Install(_root, "Mallard-Test", "Mallard (test)", launcher);
        Assert.Equal(Path.Combine(_root, "mallard-test"), directory);
        using var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "kernel.json")));
        var root = spec.RootElement;
        Assert.Equal([launcher[0], "kernel", "start", "--connection-file", "{connection_file}"], root.GetProperty("argv").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("message", root.GetProperty("interrupt_mode").GetString());
        Assert.Equal("csharp", root.GetProperty("language").GetString());
        Assert.Equal("Mallard (test)", root.GetProperty("display_name").GetString());
        foreach (var size in new[] { 32, 64 })
        {
            var png = File.ReadAllBytes(Path.Combine(directory, $"logo-{size}x{size}.png"));
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
            Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
            Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        }
        // The kernel's charts load this copy of plotly.js through the Jupyter server, by the kernel's own name.
        Assert.Equal("mallard-test", root.GetProperty("env").GetProperty(KernelspecManager.NameVariable).GetString());
        var plotly = File.ReadAllText(Path.Combine(directory, Mallard.Display.Plotly.PlotlyJs.FileName));
        Assert.StartsWith("/**\n* plotly.js v" + Mallard.Display.Plotly.PlotlyJs.Version, plotly, StringComparison.Ordinal);
    }

    [Fact]
    public void List_finds_installed_Mallard_kernels_and_ignores_others()
    {
        KernelspecManager.Install(_root, "mallard", "Mallard (C#)", [Path.GetFullPath("/opt/mallard")]);
        var python = Path.Combine(_root, "python3");
        Directory.CreateDirectory(python);
        File.WriteAllText(Path.Combine(python, "kernel.json"), """{"argv":["python3"],"display_name":"Python 3","language":"python"}""");
        var found = KernelspecManager.List([_root]);
        Assert.Equal("mallard", Assert.Single(found).Name);
    }

    [Fact]
    public void Uninstall_removes_a_Mallard_kernel_and_leaves_other_kernels_alone()
    {
        KernelspecManager.Install(_root, "mallard", "Mallard (C#)", [Path.GetFullPath("/opt/mallard")]);
        Assert.True(KernelspecManager.Uninstall(_root, "mallard"));
        Assert.False(Directory.Exists(Path.Combine(_root, "mallard")));
        Assert.False(KernelspecManager.Uninstall(_root, "mallard"));
        var python = Path.Combine(_root, "python3");
        Directory.CreateDirectory(python);
        File.WriteAllText(Path.Combine(python, "kernel.json"), """{"argv":["python3"],"display_name":"Python 3"}""");
        Assert.Throws<InvalidOperationException>(() => KernelspecManager.Uninstall(_root, "python3"));
        Assert.True(Directory.Exists(python));
    }

    [Fact]
    public void A_kernel_name_with_a_path_separator_is_refused()
    {
        Assert.Throws<ArgumentException>(() => KernelspecManager.Install(_root, "../evil", "x", [Path.GetFullPath("/opt/mallard")]));
        Assert.Throws<ArgumentException>(() => KernelspecManager.Install(_root, "ok", "x", ["relative/mallard"]));
    }

    [Fact]
    public void The_user_directory_follows_JUPYTER_DATA_DIR()
    {
        var before = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
        try
        {
            Environment.SetEnvironmentVariable("JUPYTER_DATA_DIR", _root);
            Assert.Equal(Path.Combine(_root, "kernels"), KernelspecLocation.UserDirectory);
            Assert.Equal(Path.Combine(_root, "kernels"), KernelspecLocation.SearchDirectories().First(d => d.StartsWith(_root, StringComparison.Ordinal)));
        }
        finally
        {
            Environment.SetEnvironmentVariable("JUPYTER_DATA_DIR", before);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
