using System.Text.Json;
using Mallard.Jupyter.Kernel;
using Mallard.Jupyter.Logging;
using Mallard.Jupyter.Protocol;
using Mallard.Jupyter.Transport;

namespace Mallard.Jupyter.Tests;

/// <summary>
/// The kernel's protocol handling, driven by jupyter_client with a stand-in engine: every request type,
/// message shapes, busy/idle, counts, stop_on_error, stdin, interrupt by message, forged messages.
/// (The same checks run against the real session in Mallard.Interop.Tests.)
/// </summary>
public sealed class KernelProtocolTests
{
    private static readonly object Snippets = new
    {
        noop = "noop",
        result = new { code = "result:42", expect = "42" },
        stream = new { code = "print:hello", expect = "hello" },
        display = new { code = "display", mimes = new[] { "text/html", "text/plain" } },
        error = new { code = "error:boom", expect = "boom" },
        slow_error = "slow-error",
        complete = new { code = "var x = Con", expect = "Console" },
        inspect = new { code = "Console", expect = "fake symbol at 7" },
        is_complete = new object[] { new object[] { "noop", "complete" }, new object[] { "if (x) {", "incomplete" }, new object[] { "}}", "invalid" } },
        history = "result:history-marker",
        input = new { code = "input", value = "Ada" },
        @long = "long",
    };

    [Fact]
    public async Task Jupyter_client_gets_well_formed_answers_to_every_request()
    {
        PythonRunner.Require("zmq", "jupyter_client");
        var directory = new DirectoryInfo(TestDirectories.Create("mallard-kernel-protocol-"));
        var logPath = Path.Combine(directory.FullName, "kernel.log");
        using var log = new KernelLog(logPath);
        var connection = new ConnectionInfo { Ip = "127.0.0.1", Key = Guid.NewGuid().ToString() };
        var kernel = new JupyterKernel(connection, () => new FakeEngine(), log, ZmtpLimits.Default);
        var run = kernel.RunAsync();
        try
        {
            await kernel.Ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var bound = kernel.BoundConnection;
            var connectionFile = Path.Combine(directory.FullName, "connection.json");
            await File.WriteAllTextAsync(connectionFile, JsonSerializer.Serialize(new
            {
                shell_port = bound.ShellPort, iopub_port = bound.IopubPort, stdin_port = bound.StdinPort, control_port = bound.ControlPort,
                hb_port = bound.HbPort, ip = bound.Ip, key = bound.Key, transport = "tcp", signature_scheme = "hmac-sha256", kernel_name = "mallard",
            }));
            var snippets = Path.Combine(directory.FullName, "snippets.json");
            await File.WriteAllTextAsync(snippets, JsonSerializer.Serialize(Snippets));
            var (code, stdout, stderr) = PythonRunner.Run(TimeSpan.FromMinutes(3), PythonRunner.Script("kernel_protocol_check.py"),
                "--snippets", snippets, "--connection-file", connectionFile, "--skip", "interrupt_signal,interrupt_csharp,interrupt_unstoppable,interrupt_input,complete_sql,clear_output");
            Assert.True(code == 0, $"{stdout}\n{stderr}\nkernel log:\n{await File.ReadAllTextAsync(logPath)}");
            Assert.Contains("PASS forged", stdout);
            Assert.DoesNotContain("FAIL", stdout);
            Assert.False(run.IsCompleted, "the kernel stopped while being driven");
            // The forged traffic was logged, not executed.
            var logged = await File.ReadAllTextAsync(logPath);
            Assert.Contains("bad signature", logged);
            Assert.Contains("not signed", logged);
            Assert.Contains("replayed signature", logged);
        }
        finally
        {
            kernel.RequestShutdown(restart: false);
            await run.WaitAsync(TimeSpan.FromSeconds(30));
            directory.Delete(recursive: true);
        }
    }
}
