namespace GongTongDizao.Core.Common;

/// <summary>
/// A handler outcome that created something (201) with its representation, and where the created thing can be read,
/// relative to the API root (e.g. <c>letters/{id}</c>); the HTTP layer sends it as the Location header.
/// </summary>
public sealed record Created(object Value, string? Location = null);
