using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Mallard.Engine;
using Mallard.Jupyter.Logging;
using Mallard.Jupyter.Protocol;
using Mallard.Jupyter.Transport;

namespace Mallard.Jupyter.Kernel;

/// <summary>
/// The Mallard Jupyter kernel: binds the five channels of a connection file, serves shell requests in
/// order and control requests on their own loop (so interrupt and shutdown get through while a cell
/// runs), publishes on IOPub, echoes heartbeats, and asks for input on stdin. Runs until a shutdown request.
/// </summary>
public sealed class JupyterKernel
{
    private readonly ConnectionInfo _connection;
    private readonly Func<IKernelEngine> _engineFactory;
    private readonly Dictionary<string, IRequestHandler> _handlers = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<bool> _shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _shellTurn = new(1, 1);
    private readonly Lock _cellLock = new();
    private readonly Lock _inputLock = new();
    private readonly ZmtpLimits _limits;
    private MessageCodec _codec = null!;
    private RouterSocket _shell = null!;
    private RouterSocket _control = null!;
    private RouterSocket _stdin = null!;
    private PubSocket _iopub = null!;
    private RepSocket _heartbeat = null!;
    private Task<IKernelEngine>? _engine;
    private CancellationTokenSource? _runningCell;
    private Action<string>? _runningCellNotice;
    private TaskCompletionSource<string?>? _pendingInput;
    private bool _aborting;

    /// <summary>A kernel for <paramref name="connection"/> running cells in a <see cref="Session"/> made with <paramref name="options"/>.</summary>
    public JupyterKernel(ConnectionInfo connection, SessionOptions options, KernelLog log)
        : this(connection, () => new SessionEngine(new Session(options)), log, ZmtpLimits.Default)
    {
    }

    internal JupyterKernel(ConnectionInfo connection, Func<IKernelEngine> engineFactory, KernelLog log, ZmtpLimits limits)
    {
        _connection = connection;
        _engineFactory = engineFactory;
        _limits = limits;
        Log = log;
        History = new KernelHistory();
        foreach (var handler in CreateHandlers()) _handlers[handler.MessageType] = handler;
    }

    internal KernelLog Log { get; }

    internal IopubPublisher Publisher { get; private set; } = null!;

    internal KernelHistory History { get; }

    /// <summary>The kernels a Polyglot-written notebook names for its cells outside their text.</summary>
    internal CellKernelNames CellKernels { get; } = CellKernelNames.FromEnvironment();

    /// <summary>The count of the last non-silent execution that stored history.</summary>
    internal int ExecutionCount { get; set; }

    /// <summary>The ports actually bound (they differ from the connection file's only when it said 0).</summary>
    internal ConnectionInfo BoundConnection { get; private set; } = null!;

    /// <summary>Completes once every socket is bound.</summary>
    internal TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private IEnumerable<IRequestHandler> CreateHandlers() =>
    [
        new KernelInfoHandler(this),
        new ExecuteHandler(this),
        new CompleteHandler(this),
        new InspectHandler(this),
        new IsCompleteHandler(this),
        new HistoryHandler(this),
        new CommInfoHandler(),
        new CommOpenHandler(this),
        new InterruptHandler(this),
        new ShutdownHandler(this),
    ];

    /// <summary>Serves until a shutdown request (or <paramref name="cancellationToken"/>); returns whether a restart was asked for.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken = default)
    {
        var address = _connection.Address;
        _codec = new MessageCodec(_connection.Key, Guid.NewGuid().ToString(), Environment.UserName);
        _shell = new RouterSocket("shell", new IPEndPoint(address, _connection.ShellPort), _limits, Log);
        _control = new RouterSocket("control", new IPEndPoint(address, _connection.ControlPort), _limits, Log);
        _stdin = new RouterSocket("stdin", new IPEndPoint(address, _connection.StdinPort), _limits, Log);
        _iopub = new PubSocket("iopub", new IPEndPoint(address, _connection.IopubPort), _limits, Log);
        _heartbeat = new RepSocket("hb", new IPEndPoint(address, _connection.HbPort), _limits, Log);
        ZmtpListenerSocket[] sockets = [_shell, _control, _stdin, _iopub, _heartbeat];
        foreach (var socket in sockets) socket.Start();
        BoundConnection = _connection with
        {
            ShellPort = _shell.Port, ControlPort = _control.Port, StdinPort = _stdin.Port, IopubPort = _iopub.Port, HbPort = _heartbeat.Port,
        };
        Publisher = new IopubPublisher(_iopub, _codec, Log);
        Log.Info($"Kernel {_codec.Session} listening on {_connection.Ip}: shell {_shell.Port}, iopub {_iopub.Port}, stdin {_stdin.Port}, control {_control.Port}, hb {_heartbeat.Port}.");

        // The session (Roslyn, DuckDB) and its warm-up start now, on another core, while the front end connects and waits for
        // kernel_info: a first cell's result came 50-90 ms sooner in wall clock, with the first kernel_info reply as fast
        // (bench/README.md, run K). On one core they would compete with the kernel's own start, so there the session starts
        // once the first request is answered, or soon after start-up, whichever comes first.
        if (Environment.ProcessorCount > 1) _ = StartEngine();
        else _ = Task.Delay(EngineStartDelay, _stopping.Token).ContinueWith(_ => StartEngine(), TaskScheduler.Default);
        using var sigint = RegisterSignal(PosixSignal.SIGINT, () =>
        {
            Log.Info("SIGINT: interrupting the running cell.");
            Interrupt();
        });
        using var sigterm = RegisterSignal(PosixSignal.SIGTERM, () =>
        {
            Log.Info("SIGTERM: shutting down.");
            RequestShutdown(restart: false);
        });
        using var cancel = cancellationToken.Register(() => RequestShutdown(restart: false));
        Publisher.Status("starting", null);
        Ready.TrySetResult();

        var loops = new[]
        {
            Task.Run(() => ServeAsync(_shell, KernelChannel.Shell)),
            Task.Run(() => ServeAsync(_control, KernelChannel.Control)),
            Task.Run(StdinLoopAsync),
            Task.Run(WatchParentAsync),
        };
        var restart = await _shutdown.Task;

        Log.Info(restart ? "Shutting down for a restart." : "Shutting down.");
        Interrupt();
        await _stopping.CancelAsync();
        await Publisher.FlushAndStopAsync();
        foreach (var socket in sockets) await socket.DisposeAsync();
        await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await DisposeEngineAsync();
        Log.Info("Kernel stopped.");
        return restart;
    }

    private PosixSignalRegistration? RegisterSignal(PosixSignal signal, Action action)
    {
        try
        {
            // A kernel started with the signal ignored (by a server started in the background from a script) would otherwise
            // never see it: .NET installs no handler for an ignored SIGINT.
            if (IgnoredSignals.StopIgnoring(signal))
                Log.Info($"{signal} was ignored by the process that started the kernel; the kernel takes it again.");
            return PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                action();
            });
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }

    private async Task DisposeEngineAsync()
    {
        if (_engine is null) return;
        try
        {
            var engine = await _engine.WaitAsync(TimeSpan.FromSeconds(5));
            await engine.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e)
        {
            Log.Warning($"Closing the session: {e.Message}");
        }
    }

    /// <summary>How long after start-up the session starts if no request has started it.</summary>
    internal static TimeSpan EngineStartDelay { get; } = TimeSpan.FromSeconds(1);

    /// <summary>The engine, once it has started; throws what starting it threw.</summary>
    internal Task<IKernelEngine> GetEngineAsync() => StartEngine();

    /// <summary>Starts the session if it has not started yet.</summary>
    internal Task<IKernelEngine> StartEngine()
    {
        var engine = Volatile.Read(ref _engine);
        if (engine is not null) return engine;
        var started = new Task<IKernelEngine>(_engineFactory);
        if (Interlocked.CompareExchange(ref _engine, started, null) is { } existing) return existing;
        started.Start(TaskScheduler.Default);
        // The compiler readies itself while the user reads: kernel_info and the rest do not wait for it.
        _ = started.ContinueWith(t => WarmUpAsync(t.Result), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        return started;
    }

    private async Task WarmUpAsync(IKernelEngine engine)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await engine.WarmUpAsync(_stopping.Token);
            await RehearseExecuteAsync();
            Log.Info($"The C# compiler is ready ({stopwatch.ElapsedMilliseconds} ms).");
            stopwatch.Restart();
            await engine.OptimizeCompilerAsync(_stopping.Token);
            Log.Info($"The C# compiler's code is optimised ({stopwatch.ElapsedMilliseconds} ms).");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The first C# cell then starts the compiler itself, and reports what fails there.
            Log.Warning($"Readying the C# compiler failed: {e.Message}");
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    /// <summary>
    /// Runs a throwaway <c>execute_request</c> down the kernel's own path (decoding and verifying it, the handler, the cell's
    /// output and result, the reply), with nothing sent: its IOPub messages are dropped and its reply goes nowhere. It is
    /// silent to the session too (no execution count, no history). The first cell of a session found that path cold: about
    /// 3 ms of its time was the kernel's code running for the first time. It takes its turn on the shell channel as a
    /// client's request does.
    /// </summary>
    private async Task RehearseExecuteAsync()
    {
        var content = JsonContent.Object(w =>
        {
            w.WriteString("code", "System.Environment.ProcessorCount /* kernel warm-up */");
            w.WriteBoolean("silent", false);
            w.WriteBoolean("store_history", false);
            w.WriteBoolean("allow_stdin", false);
            w.WriteBoolean("stop_on_error", false);
            w.WriteStartObject("user_expressions");
            w.WriteEndObject();
        });
        var frames = _codec.Encode([RehearsalIdentity], "execute_request", null, content);
        using var message = _codec.Decode([.. frames.Select(f => f.ToArray())]);
        var request = new KernelRequest(message, KernelChannel.Shell, (_, _, _) => Task.CompletedTask);
        await _shellTurn.WaitAsync(_stopping.Token);
        Publisher.Mute(message.HeaderBytes);
        try
        {
            await _handlers[request.Message.MsgType].HandleAsync(request, _stopping.Token);
        }
        finally
        {
            Publisher.Mute(null);
            _shellTurn.Release();
        }
    }

    private static readonly byte[] RehearsalIdentity = "mallard-warm-up"u8.ToArray();

    /// <summary>Asks the kernel to stop after the current request.</summary>
    internal void RequestShutdown(bool restart) => _shutdown.TrySetResult(restart);

    /// <summary>Interrupts the running cell (if any) and any wait for input.</summary>
    internal void Interrupt()
    {
        // The session first: a cell woken by what follows (a wait for input ending) must find its own run cancelled
        // already, or it would take the empty input for a front end without stdin. (The kernel's cell token below wakes
        // such waits through callbacks that can run before the session's linked token has heard of the cancel.)
        if (_engine is { IsCompletedSuccessfully: true } engine)
        {
            try
            {
                engine.Result.Interrupt();
            }
            catch (Exception e)
            {
                Log.Warning($"Interrupting the session failed: {e.Message}");
            }
        }
        CancellationTokenSource? interrupted;
        lock (_cellLock)
        {
            interrupted = _runningCell;
            interrupted?.Cancel();
        }
        if (interrupted is not null) _ = SayWhenStuckAsync(interrupted);
        lock (_inputLock)
        {
            _pendingInput?.TrySetResult(null);
        }
    }

    /// <summary>How long an interrupted cell may take to stop before the kernel says it cannot.</summary>
    internal static TimeSpan StuckAfter { get; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A cell still running a second after its interrupt is in code no interrupt reaches (a long loop inside a library,
    /// native code): the cell says so, and what to do, instead of leaving the user to wonder.
    /// </summary>
    private async Task SayWhenStuckAsync(CancellationTokenSource interrupted)
    {
        try
        {
            await Task.Delay(StuckAfter, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        Action<string>? notice;
        lock (_cellLock) notice = ReferenceEquals(_runningCell, interrupted) ? _runningCellNotice : null;
        if (notice is null) return;
        Log.Warning("The interrupted cell has not stopped after a second.");
        notice(
            "The cell did not stop when interrupted: it is inside code that no interrupt reaches (a long loop inside a library, "
            + "or native code), and runs on until that code returns. To stop it now, restart the kernel (its variables are then lost).\n");
    }

    /// <summary>Marks a cell as running, so that <see cref="Interrupt"/> cancels it; <paramref name="notice"/> writes to the cell's stderr.</summary>
    internal CancellationTokenSource BeginCell(Action<string> notice)
    {
        var cell = BeginCell();
        lock (_cellLock) _runningCellNotice = notice;
        return cell;
    }

    /// <summary>Marks a cell as running, so that <see cref="Interrupt"/> cancels it.</summary>
    internal CancellationTokenSource BeginCell()
    {
        var cell = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        lock (_cellLock)
        {
            _runningCell = cell;
            _runningCellNotice = null;
        }
        return cell;
    }

    internal void EndCell(CancellationTokenSource cell)
    {
        lock (_cellLock)
        {
            if (ReferenceEquals(_runningCell, cell))
            {
                _runningCell = null;
                _runningCellNotice = null;
            }
        }
        cell.Dispose();
    }

    /// <summary>After a failed cell with stop_on_error: answer the execute requests already queued with "aborted".</summary>
    internal void StartAborting() => _aborting = true;

    /// <summary>Asks the front end for a line on stdin (to the requester of <paramref name="request"/>) and waits for it; null when interrupted.</summary>
    internal string? RequestInput(KernelRequest request, string prompt, bool password, CancellationToken cancellationToken)
    {
        var pending = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_inputLock) _pendingInput = pending;
        try
        {
            var content = JsonContent.Object(w =>
            {
                w.WriteString("prompt", prompt);
                w.WriteBoolean("password", password);
            });
            var frames = _codec.Encode(request.Message.Identities, "input_request", request.Message.HeaderBytes, content);
            if (!_stdin.SendAsync(frames, cancellationToken).AsTask().GetAwaiter().GetResult())
            {
                Log.Warning("stdin: the front end has no stdin connection; input unavailable.");
                return null;
            }
            return WaitForInput(pending, cancellationToken);
        }
        finally
        {
            lock (_inputLock)
            {
                if (ReferenceEquals(_pendingInput, pending)) _pendingInput = null;
            }
        }
    }

    private static string? WaitForInput(TaskCompletionSource<string?> pending, CancellationToken cancellationToken)
    {
        try
        {
            return pending.Task.WaitAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private async Task ServeAsync(RouterSocket socket, KernelChannel channel)
    {
        var reader = socket.Messages;
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                if (!reader.TryRead(out var frames))
                {
                    // The queue has drained: a failed cell's abort ends here.
                    if (channel == KernelChannel.Shell) _aborting = false;
                    if (!await reader.WaitToReadAsync(_stopping.Token)) return;
                    continue;
                }
                if (channel == KernelChannel.Shell)
                {
                    // One shell request at a time, the kernel's own rehearsal included.
                    await _shellTurn.WaitAsync(_stopping.Token);
                    try
                    {
                        await DispatchAsync(frames, channel);
                    }
                    finally
                    {
                        _shellTurn.Release();
                    }
                }
                else await DispatchAsync(frames, channel);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task DispatchAsync(List<byte[]> frames, KernelChannel channel)
    {
        JupyterMessage message;
        try
        {
            message = _codec.Decode(frames);
        }
        catch (MessageRejectedException e)
        {
            Log.Warning($"{ChannelName(channel)}: dropped a message: {e.Message}.");
            return;
        }
        using (message)
        {
            var request = new KernelRequest(message, channel, (r, type, content) => SendReplyAsync(channel == KernelChannel.Shell ? _shell : _control, r, type, content));
            Publisher.Status("busy", message.HeaderBytes);
            try
            {
                if (channel == KernelChannel.Shell && _aborting && message.MsgType == "execute_request")
                {
                    Log.Info($"shell: aborting queued {message.MsgType} {message.Header.MsgId} after an error.");
                    await request.ReplyAsync(JsonContent.Object(w =>
                    {
                        w.WriteString("status", "aborted");
                        w.WriteNumber("execution_count", ExecutionCount);
                    }));
                }
                else if (channel == KernelChannel.Control && !ControlRequests.Contains(message.MsgType) && message.MsgType.EndsWith("_request", StringComparison.Ordinal))
                {
                    // The control channel stays free for interrupts: a cell (or anything else that may take time) sent there
                    // would hold it while it ran.
                    var why = $"{message.MsgType} is served on the shell channel; the control channel takes {string.Join(", ", ControlRequests.Order(StringComparer.Ordinal))}.";
                    Log.Warning($"control: refused {message.MsgType} {message.Header.MsgId}: {why}");
                    await request.ReplyAsync(JsonContent.Object(w =>
                    {
                        w.WriteString("status", "error");
                        w.WriteString("ename", "WrongChannel");
                        w.WriteString("evalue", why);
                        JsonContent.WriteStrings(w, "traceback", [$"WrongChannel: {why}"]);
                    }));
                }
                else if (_handlers.TryGetValue(message.MsgType, out var handler))
                {
                    await handler.HandleAsync(request, _stopping.Token);
                }
                else
                {
                    Log.Warning($"{ChannelName(channel)}: unknown message type '{message.MsgType}' ignored.");
                }
            }
            catch (Exception e)
            {
                Log.Error($"{ChannelName(channel)}: {message.MsgType} failed", e);
                if (!request.Replied && message.MsgType.EndsWith("_request", StringComparison.Ordinal))
                {
                    await request.ReplyAsync(ErrorReply(e));
                }
            }
            finally
            {
                Publisher.Status("idle", message.HeaderBytes);
                _ = StartEngine();
            }
        }
    }

    /// <summary>An error reply for a request whose handler failed.</summary>
    internal byte[] ErrorReply(Exception e) => JsonContent.Object(w =>
    {
        w.WriteString("status", "error");
        w.WriteString("ename", e.GetType().Name);
        w.WriteString("evalue", e.Message);
        JsonContent.WriteStrings(w, "traceback", [e.GetType().Name + ": " + e.Message]);
        w.WriteNumber("execution_count", ExecutionCount);
    });

    private async Task SendReplyAsync(RouterSocket socket, KernelRequest request, string msgType, byte[] content)
    {
        // What a shell request published (its busy status, a cell's outputs) goes out before its reply. Control replies do not
        // wait: an interrupt is answered even while a cell's outputs queue up.
        if (socket == _shell) await Publisher.FlushAsync();
        var frames = _codec.Encode(request.Message.Identities, msgType, request.Message.HeaderBytes, content);
        await socket.SendAsync(frames, _stopping.Token);
    }

    private async Task StdinLoopAsync()
    {
        try
        {
            while (await _stdin.Messages.WaitToReadAsync(_stopping.Token))
            {
                while (_stdin.Messages.TryRead(out var frames))
                {
                    try
                    {
                        using var message = _codec.Decode(frames);
                        if (message.MsgType != "input_reply")
                        {
                            Log.Warning($"stdin: unexpected '{message.MsgType}' ignored.");
                            continue;
                        }
                        var value = message.GetString("value");
                        lock (_inputLock)
                        {
                            if (_pendingInput is null) Log.Warning("stdin: an input_reply arrived when no input was asked for.");
                            _pendingInput?.TrySetResult(value);
                        }
                    }
                    catch (MessageRejectedException e)
                    {
                        Log.Warning($"stdin: dropped a message: {e.Message}.");
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Stops the kernel when the process that started it (JPY_PARENT_PID) has gone, so no kernel outlives its front end.</summary>
    private async Task WatchParentAsync()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("JPY_PARENT_PID"), out var parentId) || parentId <= 1) return;
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), _stopping.Token);
                if (!IsAlive(parentId))
                {
                    Log.Info($"The parent process {parentId} has gone; shutting down.");
                    RequestShutdown(restart: false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The requests the control channel serves; any other request there gets an error reply at once.</summary>
    private static readonly HashSet<string> ControlRequests = new(StringComparer.Ordinal) { "interrupt_request", "shutdown_request", "kernel_info_request" };

    private static string ChannelName(KernelChannel channel) => channel == KernelChannel.Shell ? "shell" : "control";

    /// <summary>Text for logs of a message's content (truncated).</summary>
    internal static string Preview(byte[] bytes) => Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 200));
}
