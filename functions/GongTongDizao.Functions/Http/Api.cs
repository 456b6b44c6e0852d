using System.Net;
using Azure;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Functions.Http;

/// <summary>
/// What every HTTP function does around its handler: authenticate (the same code under Azure and the DevHost),
/// read and validate the body, call the handler, and map the result or a failure to a response. Functions stay a few lines.
/// </summary>
public sealed partial class Api(Authenticator authenticator, IdempotentRequests idempotent, RequestValidators validators, ILogger<Api> logger)
{
    /// <summary>host.json's routePrefix: Location headers are absolute paths under it.</summary>
    public const string RoutePrefix = "/api/";

    public Task<IActionResult> AnonymousAsync<TRequest, TResponse>(HttpRequest request, Func<TRequest, CancellationToken, Task<Result<TResponse>>> handle, CancellationToken cancellationToken) =>
        RunAsync(request, async () =>
        {
            var body = await ReadValidAsync<TRequest>(request, cancellationToken);
            return body.IsSuccess ? Map(await handle(body.Value, cancellationToken)) : ProblemResult.From(body.Error);
        });

    public Task<IActionResult> AuthenticatedAsync<TResponse>(HttpRequest request, Func<Caller, CancellationToken, Task<Result<TResponse>>> handle, CancellationToken cancellationToken) =>
        RunAsync(request, async () =>
        {
            var caller = await authenticator.AuthenticateAsync(request.Headers.Authorization.ToString(), cancellationToken);
            return caller.IsSuccess ? Map(await handle(caller.Value, cancellationToken)) : Unauthorized(caller.Error);
        });

    public Task<IActionResult> AuthenticatedAsync<TRequest, TResponse>(HttpRequest request, Func<Caller, TRequest, CancellationToken, Task<Result<TResponse>>> handle, CancellationToken cancellationToken) =>
        RunAsync(request, async () =>
        {
            var caller = await authenticator.AuthenticateAsync(request.Headers.Authorization.ToString(), cancellationToken);
            if (!caller.IsSuccess)
            {
                return Unauthorized(caller.Error);
            }

            var body = await ReadValidAsync<TRequest>(request, cancellationToken);
            return body.IsSuccess ? Map(await handle(caller.Value, body.Value, cancellationToken)) : ProblemResult.From(body.Error);
        });

    /// <summary>A POST that creates something: authenticated, and safe to repeat with an Idempotency-Key (<see cref="IdempotentRequests"/>).</summary>
    public Task<IActionResult> CreateAsync<TResponse>(HttpRequest request, Func<Caller, CancellationToken, Task<Result<TResponse>>> handle, CancellationToken cancellationToken) =>
        RunAsync(request, async () =>
        {
            var caller = await authenticator.AuthenticateAsync(request.Headers.Authorization.ToString(), cancellationToken);
            return caller.IsSuccess
                ? await idempotent.RunAsync(request, caller.Value, async () => Map(await handle(caller.Value, cancellationToken)), cancellationToken)
                : Unauthorized(caller.Error);
        });

    /// <summary>A POST with a body that creates something: authenticated, validated, and safe to repeat with an Idempotency-Key.</summary>
    public Task<IActionResult> CreateAsync<TRequest, TResponse>(HttpRequest request, Func<Caller, TRequest, CancellationToken, Task<Result<TResponse>>> handle, CancellationToken cancellationToken) =>
        RunAsync(request, async () =>
        {
            var caller = await authenticator.AuthenticateAsync(request.Headers.Authorization.ToString(), cancellationToken);
            if (!caller.IsSuccess)
            {
                return Unauthorized(caller.Error);
            }

            return await idempotent.RunAsync(
                request,
                caller.Value,
                async () =>
                {
                    var body = await ReadValidAsync<TRequest>(request, cancellationToken);
                    return body.IsSuccess ? Map(await handle(caller.Value, body.Value, cancellationToken)) : ProblemResult.From(body.Error);
                },
                cancellationToken);
        });

    /// <summary>Administrator routes: the host has already checked the function key; there is no person to authenticate.</summary>
    public Task<IActionResult> ManageAsync<TResponse>(HttpRequest request, Func<CancellationToken, Task<Result<TResponse>>> handle, CancellationToken cancellationToken) =>
        RunAsync(request, async () => Map(await handle(cancellationToken)));

    public Task<IActionResult> ManageAsync<TRequest, TResponse>(HttpRequest request, Func<TRequest, CancellationToken, Task<Result<TResponse>>> handle, CancellationToken cancellationToken) =>
        RunAsync(request, async () =>
        {
            var body = await ReadValidAsync<TRequest>(request, cancellationToken);
            return body.IsSuccess ? Map(await handle(body.Value, cancellationToken)) : ProblemResult.From(body.Error);
        });

    private async Task<Result<T>> ReadValidAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<T>(request, cancellationToken);
        if (!body.IsSuccess || validators.For<T>() is not { } validator)
        {
            return body;
        }

        var validation = await validator.ValidateAsync(body.Value, cancellationToken);
        return validation.IsValid
            ? body
            : Error.Validation(validation.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));
    }

    private static JsonApiResult Unauthorized(Error error)
    {
        var result = ProblemResult.From(error);
        result.Headers["WWW-Authenticate"] = "Bearer";
        return result;
    }

    private static IActionResult Map<T>(Result<T> result) =>
        !result.IsSuccess ? ProblemResult.From(result.Error)
        : result.Value is NoContent ? new StatusCodeResult(StatusCodes.Status204NoContent)
        : result.Value is Created created ? CreatedResult(created)
        : new JsonApiResult(result.Value, StatusCodes.Status200OK);

    private static JsonApiResult CreatedResult(Created created)
    {
        var result = new JsonApiResult(created.Value, StatusCodes.Status201Created);
        if (created.Location is { } location)
        {
            result.Headers["Location"] = RoutePrefix + location;
        }

        return result;
    }

    private async Task<IActionResult> RunAsync(HttpRequest request, Func<Task<IActionResult>> run)
    {
        try
        {
            return await run();
        }
        catch (StalePageTokenException)
        {
            return ProblemResult.From(PageTokens.Invalid());
        }
        catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError)
        {
            LogDependencyFailed(logger, "Cosmos DB", (int)ex.StatusCode);
            return Unavailable(ex.RetryAfter);
        }
        catch (RequestFailedException ex) when (ex.Status is 0 or >= 500 or 429)
        {
            LogDependencyFailed(logger, "Storage", ex.Status);
            return Unavailable(null);
        }
        catch (HttpRequestException ex)
        {
            LogDependencyFailed(logger, "HTTP dependency", (int?)ex.StatusCode ?? 0);
            return Unavailable(null);
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return new StatusCodeResult(499);
        }
        catch (Exception ex)
        {
            // Unexpected: logged with its stack trace, answered without one.
            LogUnexpected(logger, ex, request.Path);
            return ProblemResult.From(Error.From(ErrorCodes.InternalError));
        }
    }

    private static JsonApiResult Unavailable(TimeSpan? retryAfter) =>
        ProblemResult.From(Error.From(ErrorCodes.ServiceUnavailable) with { RetryAfter = retryAfter is { } r && r > TimeSpan.Zero ? r : TimeSpan.FromSeconds(5) });

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Dependency} failed with status {Status}; answered 503")]
    private static partial void LogDependencyFailed(ILogger logger, string dependency, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure serving {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, PathString path);
}
