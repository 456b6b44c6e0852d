using System.Globalization;
using System.Reflection;
using GongTongDizao.DevHost.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace GongTongDizao.DevHost.Http;

/// <summary>
/// Calls an HTTP function the way the Functions ASP.NET Core integration does: the class is created from DI for
/// each call, the trigger parameter gets the HttpRequest, route values bind by name, and the IActionResult is executed.
/// </summary>
public sealed class HttpFunctionInvoker
{
    private readonly FunctionDescriptor _function;
    private readonly Func<HttpContext, object?>[] _binders;

    public HttpFunctionInvoker(FunctionDescriptor function)
    {
        ArgumentNullException.ThrowIfNull(function);
        _function = function;
        _binders = [.. function.Method.GetParameters().Select(p => CreateBinder(function, p))];
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var target = _function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(context.RequestServices, _function.Method.DeclaringType!);
        object? returned;
        try
        {
            returned = _function.Method.Invoke(target, [.. _binders.Select(b => b(context))]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }

        var result = await UnwrapAsync(returned);
        switch (result)
        {
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult minimal:
                await minimal.ExecuteAsync(context);
                break;
            case null:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                throw new InvalidOperationException($"Function {_function.Name} returned {result.GetType().Name}; the DevHost runs IActionResult and IResult.");
        }
    }

    private static async Task<object?> UnwrapAsync(object? returned)
    {
        if (returned is not Task task)
        {
            return returned;
        }

        await task;
        var type = task.GetType();
        return type.IsGenericType ? type.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }

    private static Func<HttpContext, object?> CreateBinder(FunctionDescriptor function, ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (type == typeof(HttpRequest))
        {
            return c => c.Request;
        }

        if (type == typeof(CancellationToken))
        {
            return c => c.RequestAborted;
        }

        var name = parameter.Name!;
        if (type == typeof(string))
        {
            return c => c.GetRouteValue(name)?.ToString();
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(Guid))
        {
            return c => c.GetRouteValue(name) is { } value
                ? Convert.ChangeType(value.ToString(), type, CultureInfo.InvariantCulture)
                : Activator.CreateInstance(type);
        }

        throw new FunctionMetadataException(
            $"Function {function.Name}: the DevHost cannot supply parameter '{name}' of type {type.Name}. " +
            "HTTP functions take the HttpRequest, route values and a CancellationToken; get services from the constructor.");
    }
}
