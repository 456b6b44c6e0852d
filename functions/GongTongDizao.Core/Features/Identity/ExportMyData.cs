using GongTongDizao.Core.Privacy;

namespace GongTongDizao.Core.Features.Identity;

public sealed record PersonalDataExport(DateTimeOffset ExportedAt, MeView Profile, IReadOnlyDictionary<string, IReadOnlyList<object>> Records);

/// <summary>Everything we hold about the caller (PIPL right of access), gathered from every feature's data source.</summary>
public sealed class ExportMyData(MeViews views, IEnumerable<IPersonalDataSource> sources, TimeProvider time)
{
    public async Task<Result<PersonalDataExport>> HandleAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var records = new Dictionary<string, IReadOnlyList<object>>();
        foreach (var source in sources)
        {
            var items = new List<object>();
            await foreach (var item in source.ExportAsync(caller.Id, cancellationToken))
            {
                items.Add(item);
            }

            records[source.Kind] = items;
        }

        return new PersonalDataExport(time.GetUtcNow(), await views.CreateAsync(caller.User, cancellationToken), records);
    }
}
