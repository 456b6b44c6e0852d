namespace GongTongDizao.Core.Privacy;

/// <summary>
/// A feature's part in the PIPL rights: what it holds about a person (export) and how it forgets who they were
/// (anonymise) while keeping what they wrote for the community record. Each feature registers one.
/// </summary>
public interface IPersonalDataSource
{
    string Kind { get; }

    IAsyncEnumerable<object> ExportAsync(string userId, CancellationToken cancellationToken);

    Task AnonymiseAsync(string userId, string pseudonym, CancellationToken cancellationToken);

    /// <summary>
    /// True when work already under way (a fan-out, a delivery) may still write under the person's id while the account
    /// is being deleted: such a source is erased once more after the account is gone, when nothing new can start.
    /// </summary>
    bool ReceivesLateWrites => false;
}
