using System.Collections.Frozen;

namespace GongTongDizao.Core.Common;

/// <summary>
/// Every request body's validator, by the type it validates, gathered once at start-up from the assembly scan: the
/// HTTP layer asks this registry, not the service provider, so what a request depends on is written down.
/// </summary>
public sealed class RequestValidators
{
    private readonly FrozenDictionary<Type, IValidator> _byType;

    public RequestValidators(IEnumerable<IValidator> validators)
    {
        ArgumentNullException.ThrowIfNull(validators);
        _byType = validators.ToFrozenDictionary(ValidatedType);
    }

    /// <summary>The validator of <typeparamref name="T"/>, or null when its bodies need none.</summary>
    public IValidator<T>? For<T>() => _byType.TryGetValue(typeof(T), out var validator) ? (IValidator<T>)validator : null;

    private static Type ValidatedType(IValidator validator) =>
        validator.GetType().GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>)).GetGenericArguments()[0];
}
