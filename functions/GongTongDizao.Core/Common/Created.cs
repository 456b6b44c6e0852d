namespace GongTongDizao.Core.Common;

/// <summary>A handler outcome that created something (201) with its representation.</summary>
public sealed record Created(object Value);
