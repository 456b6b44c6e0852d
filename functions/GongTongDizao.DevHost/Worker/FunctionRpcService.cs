using GongTongDizao.DevHost.Rpc;
using Grpc.Core;
using RpcException = Grpc.Core.RpcException;

namespace GongTongDizao.DevHost.Worker;

/// <summary>The gRPC endpoint the worker connects to (its <c>--functions-uri</c>): one EventStream per worker.</summary>
public sealed class FunctionRpcService(WorkerSupervisor supervisor) : FunctionRpc.FunctionRpcBase
{
    public override async Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        if (!await requestStream.MoveNext(cancellationToken))
        {
            return;
        }

        if (requestStream.Current.ContentCase != StreamingMessage.ContentOneofCase.StartStream)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "The first message on the stream must be StartStream."));
        }

        var channel = supervisor.Accept(requestStream.Current.StartStream.WorkerId, responseStream)
            ?? throw new RpcException(new Status(StatusCode.PermissionDenied, "Unknown worker id."));
        Exception? reason = null;
        try
        {
            while (await requestStream.MoveNext(cancellationToken))
            {
                channel.Receive(requestStream.Current);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or RpcException)
        {
            reason = ex;
        }
        finally
        {
            channel.Close(reason);
            channel.Dispose();
        }
    }
}
