using Microsoft.AspNetCore.Routing.Template;

namespace GongTongDizao.DevHost.Functions;

/// <summary>
/// The HTTP trigger routes under host.json's prefix, most specific first (ASP.NET Core's inbound precedence, as the
/// Functions host orders them). A path that matches no route, or matches only routes that do not take the
/// request's method, is not found: Azure answers 404 there, never 405.
/// </summary>
public sealed class HttpRouteTable
{
    private readonly IReadOnlyList<Entry> _entries;

    private HttpRouteTable(IReadOnlyList<Entry> entries) => _entries = entries;

    public static HttpRouteTable Empty { get; } = new([]);

    public static HttpRouteTable Build(string routePrefix, IEnumerable<WorkerFunction> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var entries = functions
            .Where(f => f.Http is not null)
            .Select(f =>
            {
                var template = TemplateParser.Parse(string.IsNullOrEmpty(routePrefix) ? f.Http!.Route : $"{routePrefix}/{f.Http!.Route}");
                return new Entry(f, template, new TemplateMatcher(template, new RouteValueDictionary()), RoutePrecedence.ComputeInbound(template));
            })
            .OrderBy(e => e.Precedence)
            .ThenBy(e => e.Template.TemplateText, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new HttpRouteTable(entries);
    }

    public int Count => _entries.Count;

    public HttpRouteMatch? Match(string method, PathString path)
    {
        foreach (var entry in _entries)
        {
            var values = new RouteValueDictionary();
            if (entry.Function.Http!.Allows(method) && entry.Matcher.TryMatch(path, values))
            {
                return new HttpRouteMatch(entry.Function, entry.Template.TemplateText ?? string.Empty, values);
            }
        }

        return null;
    }

    private sealed record Entry(WorkerFunction Function, RouteTemplate Template, TemplateMatcher Matcher, decimal Precedence);
}

/// <summary>The function a request goes to, its route template and the route values taken from the path.</summary>
public sealed record HttpRouteMatch(WorkerFunction Function, string Template, RouteValueDictionary Values);

/// <summary>The invocation an HTTP request became: the function's name and the invocation id the worker saw.</summary>
public sealed record FunctionInvocation(string Function, string Id);
