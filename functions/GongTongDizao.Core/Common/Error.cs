namespace GongTongDizao.Core.Common;

/// <summary>
/// An expected failure: a stable <see cref="Code"/> from the catalogue (miniprogram-contract/errors.json), its
/// HTTP status and zh-CN title, and optionally a detail and per-field messages. Mapped once to ProblemDetails.
/// </summary>
public sealed record Error(string Code, int Status, string Title)
{
    public string? Detail { get; init; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public static Error From(string code, string? detail = null) => ErrorCatalog.Create(code) with { Detail = detail };

    public static Error Validation(IReadOnlyDictionary<string, string[]> errors) =>
        ErrorCatalog.Create(ErrorCodes.ValidationFailed) with { Errors = errors };

    public static Error Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static Error NotFound(string? detail = null) => From(ErrorCodes.NotFound, detail);

    public static Error Forbidden(string? detail = null) => From(ErrorCodes.Forbidden, detail);

    public static Error InvalidState(string detail) => From(ErrorCodes.InvalidState, detail);

    public static Error Unauthenticated(string? detail = null) => From(ErrorCodes.Unauthenticated, detail);
}
