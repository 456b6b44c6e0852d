using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using GongTongDizao.Core.Common;
using GongTongDizao.DevHost.Metadata;

namespace GongTongDizao.DevHost.Queues;

/// <summary>Calls a queue-trigger function with the message as string, BinaryData, QueueMessage or a JSON-bound type.</summary>
public sealed class QueueFunctionInvoker
{
    private readonly FunctionDescriptor _function;
    private readonly Func<QueueMessage, CancellationToken, object?>[] _binders;

    public QueueFunctionInvoker(FunctionDescriptor function)
    {
        ArgumentNullException.ThrowIfNull(function);
        _function = function;
        _binders = [.. function.Method.GetParameters().Select(p => CreateBinder(function, p))];
    }

    public async Task InvokeAsync(IServiceProvider services, QueueMessage message, CancellationToken cancellationToken)
    {
        var target = _function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, _function.Method.DeclaringType!);
        try
        {
            var returned = _function.Method.Invoke(target, [.. _binders.Select(b => b(message, cancellationToken))]);
            if (returned is Task task)
            {
                await task;
            }
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
        }
        finally
        {
            if (target is IAsyncDisposable asyncDisposable)
            {
                await asyncDisposable.DisposeAsync();
            }
            else if (target is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }

    private static Func<QueueMessage, CancellationToken, object?> CreateBinder(FunctionDescriptor function, ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken))
        {
            return (_, ct) => ct;
        }

        if (parameter.Name != function.Queue!.ParameterName)
        {
            throw new FunctionMetadataException(
                $"Function {function.Name}: the DevHost cannot supply parameter '{parameter.Name}'. Queue functions take the message and a CancellationToken.");
        }

        if (type == typeof(QueueMessage))
        {
            return (m, _) => m;
        }

        if (type == typeof(string))
        {
            return (m, _) => m.Body.ToString();
        }

        if (type == typeof(BinaryData))
        {
            return (m, _) => m.Body;
        }

        if (type == typeof(byte[]))
        {
            return (m, _) => m.Body.ToArray();
        }

        return (m, _) => JsonSerializer.Deserialize(m.Body.ToString(), type, JsonDefaults.Options);
    }
}
