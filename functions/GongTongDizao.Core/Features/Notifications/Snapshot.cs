namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// A document as read, or its absence: what <see cref="Storage.OptimisticRetry"/> re-decides on when the write may be
/// a create (no document yet) as well as a replace.
/// </summary>
internal sealed record Snapshot<T>(T? Current)
    where T : class;
