using System.Diagnostics.CodeAnalysis;

namespace GongTongDizao.Core.Common;

/// <summary>What a handler returns: a value, or an expected <see cref="Common.Error"/>. Unexpected failures are exceptions.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public Error? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Error error) => new(default, error);

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(Error error) => new(default, error);
}

/// <summary>A handler outcome with no body (204).</summary>
public readonly record struct NoContent;
