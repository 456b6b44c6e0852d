using System.Collections.Concurrent;
using GongTongDizao.DevHost.Functions;
using GongTongDizao.DevHost.Rpc;

namespace GongTongDizao.DevHost.Worker;

/// <summary>
/// One worker's EventStream, after its StartStream: the handshake (init, metadata, one load per function), then
/// invocations matched to their responses by invocation id, and the worker's logs.
/// </summary>
public sealed partial class WorkerChannel : IDisposable
{
    private readonly Grpc.Core.IServerStreamWriter<StreamingMessage> _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly WorkerLogSink _logs;
    private readonly ConcurrentDictionary<string, Pending> _invocations = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<FunctionLoadResponse>> _loads = new();
    private readonly TaskCompletionSource<WorkerInitResponse> _init = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<FunctionMetadataResponse> _metadata = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _isClosed;

    internal WorkerChannel(string workerId, Grpc.Core.IServerStreamWriter<StreamingMessage> writer, WorkerLogSink logs)
    {
        WorkerId = workerId;
        _writer = writer;
        _logs = logs;
    }

    public string WorkerId { get; }

    /// <summary>Where the worker's own ASP.NET Core server listens (its <c>HttpUri</c> capability).</summary>
    public Uri? HttpUri { get; private set; }

    public IReadOnlyDictionary<string, string> Capabilities { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<WorkerFunction> Functions { get; private set; } = [];

    public HttpRouteTable Routes { get; private set; } = HttpRouteTable.Empty;

    /// <summary>Completes when the stream has ended (the worker exited or the host is stopping).</summary>
    public Task Closed => _closed.Task;

    public int InFlight => _invocations.Count;

    /// <summary>Init, metadata and load, in the order the Functions host uses; a failed load fails the start.</summary>
    public async Task HandshakeAsync(FunctionApp app, string hostVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var init = new WorkerInitRequest { HostVersion = hostVersion, WorkerDirectory = app.Directory, FunctionAppDirectory = app.Directory };
        await WriteAsync(new StreamingMessage { RequestId = NewId(), WorkerInitRequest = init }, cancellationToken);
        var initialised = await _init.Task.WaitAsync(cancellationToken);
        ThrowIfFailed(initialised.Result, "initialise");
        Capabilities = initialised.Capabilities.ToDictionary();
        HttpUri = Capabilities.TryGetValue("HttpUri", out var uri) ? new Uri(uri) : null;

        await WriteAsync(new StreamingMessage { RequestId = NewId(), FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = app.Directory } }, cancellationToken);
        var metadata = await _metadata.Task.WaitAsync(cancellationToken);
        ThrowIfFailed(metadata.Result, "index its functions");
        var functions = metadata.FunctionMetadataResults.Select(m => (Metadata: m, Function: WorkerFunction.From(m))).ToList();

        // The worker has no case for FunctionLoadRequestCollection: one request per function, as the host sends them.
        var loads = new List<Task<FunctionLoadResponse>>();
        foreach (var (rpcMetadata, function) in functions)
        {
            var loaded = _loads.GetOrAdd(function.FunctionId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
            loads.Add(loaded.Task);
            rpcMetadata.FunctionId = function.FunctionId;
            await WriteAsync(new StreamingMessage { RequestId = NewId(), FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = rpcMetadata } }, cancellationToken);
        }

        foreach (var response in await Task.WhenAll(loads).WaitAsync(cancellationToken))
        {
            ThrowIfFailed(response.Result, $"load function {functions.First(f => f.Function.FunctionId == response.FunctionId).Function.Name}");
        }

        Functions = [.. functions.Select(f => f.Function)];
        Routes = HttpRouteTable.Build(app.HostJson.RoutePrefix, Functions);
    }

    /// <summary>Sends an invocation and completes with the worker's response; fails if the worker goes away first.</summary>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, WorkerFunction function, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(function);
        var pending = new Pending(function.Name);
        _invocations[request.InvocationId] = pending;
        try
        {
            if (_isClosed)
            {
                throw new WorkerUnavailableException();
            }

            await WriteAsync(new StreamingMessage { RequestId = NewId(), InvocationRequest = request }, cancellationToken);
            return await pending.Response.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _invocations.TryRemove(request.InvocationId, out _);
        }
    }

    /// <summary>
    /// Asks the worker to cancel an invocation in flight (InvocationCancel), as the Functions host does when the
    /// invocation's token fires; the worker decides, and its answer still arrives through <see cref="InvokeAsync"/>.
    /// </summary>
    public async Task CancelAsync(string invocationId)
    {
        try
        {
            await WriteAsync(new StreamingMessage { RequestId = NewId(), InvocationCancel = new InvocationCancel { InvocationId = invocationId } }, CancellationToken.None);
        }
        catch (WorkerUnavailableException)
        {
            // The worker is gone, and with it the invocation: InvokeAsync fails on its own.
        }
    }

    /// <summary>The worker's name for an invocation in flight, for log lines.</summary>
    public string? FunctionOf(string invocationId) => _invocations.TryGetValue(invocationId, out var pending) ? pending.FunctionName : null;

    public Task TerminateAsync(TimeSpan gracePeriod, CancellationToken cancellationToken) =>
        WriteAsync(new StreamingMessage { RequestId = NewId(), WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(gracePeriod) } }, cancellationToken);

    internal void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
                _init.TrySetResult(message.WorkerInitResponse);
                break;
            case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                _metadata.TrySetResult(message.FunctionMetadataResponse);
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                _loads.GetOrAdd(message.FunctionLoadResponse.FunctionId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(message.FunctionLoadResponse);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                if (_invocations.TryGetValue(message.InvocationResponse.InvocationId, out var pending))
                {
                    pending.Response.TrySetResult(message.InvocationResponse);
                }

                break;
            case StreamingMessage.ContentOneofCase.RpcLog:
                _logs.Write(message.RpcLog, FunctionOf(message.RpcLog.InvocationId));
                break;
            default:
                // Heartbeats and messages this host has no use for.
                break;
        }
    }

    /// <summary>The stream ended: everything waiting on this worker fails, so HTTP gets a 503 and queue messages are retried.</summary>
    internal void Close(Exception? reason = null)
    {
        _isClosed = true;
        var error = reason as WorkerUnavailableException ?? new WorkerUnavailableException("The Functions worker disconnected.", reason ?? new IOException("stream ended"));
        _init.TrySetException(error);
        _metadata.TrySetException(error);
        foreach (var load in _loads.Values)
        {
            load.TrySetException(error);
        }

        foreach (var pending in _invocations.Values)
        {
            pending.Response.TrySetException(error);
        }

        _closed.TrySetResult();
    }

    private async Task WriteAsync(StreamingMessage message, CancellationToken cancellationToken)
    {
        // gRPC allows one write at a time on a stream.
        try
        {
            await _writeLock.WaitAsync(cancellationToken);
        }
        catch (ObjectDisposedException ex)
        {
            throw new WorkerUnavailableException("The Functions worker's stream is closed.", ex);
        }

        try
        {
            if (_isClosed)
            {
                throw new WorkerUnavailableException();
            }

            await _writer.WriteAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or Grpc.Core.RpcException or ObjectDisposedException)
        {
            throw new WorkerUnavailableException("The Functions worker's stream is closed.", ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose() => _writeLock.Dispose();

    private static void ThrowIfFailed(StatusResult? result, string step)
    {
        if (result is not null && result.Status == StatusResult.Types.Status.Failure)
        {
            throw new WorkerUnavailableException($"The Functions worker could not {step}: {result.Exception?.Message ?? result.Result}");
        }
    }

    private static string NewId() => Guid.NewGuid().ToString();

    private sealed class Pending(string functionName)
    {
        public string FunctionName { get; } = functionName;

        public TaskCompletionSource<InvocationResponse> Response { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
