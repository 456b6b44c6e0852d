namespace GongTongDizao.Core.Features.Identity;

public sealed class GetMe(MeViews views)
{
    public async Task<Result<MeView>> HandleAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return await views.CreateAsync(caller.User, cancellationToken);
    }
}
