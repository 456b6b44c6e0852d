using System.Net;
using FluentValidation;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// Which broadcasts the caller wants: to young people, to women, to everyone. Nothing is sent without an opt-in.
/// An update names only the switches the person changed; the others keep their values (never defaults).
/// </summary>
public sealed record PreferencesRequest(bool? Youth = null, bool? Women = null, bool? All = null);

public sealed class PreferencesRequestValidator : AbstractValidator<PreferencesRequest>
{
    public PreferencesRequestValidator() =>
        RuleFor(r => r).Must(r => r.Youth is not null || r.Women is not null || r.All is not null)
            .OverridePropertyName("preferences")
            .WithMessage("请至少设置 youth、women、all 中的一项");
}

public sealed record PreferencesView(bool Youth, bool Women, bool All);

public sealed class GetPreferences(NotificationPreferences preferences)
{
    public async Task<Result<PreferencesView>> HandleAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var p = await preferences.FindAsync(caller.Id, cancellationToken);
        return new PreferencesView(p?.Youth ?? false, p?.Women ?? false, p?.All ?? false);
    }
}

/// <summary>
/// Sets the switches sent and only those: a patch of the stored document (atomic, so two phones flipping different
/// switches at once both count), or its creation with the rest off when the person had none.
/// </summary>
public sealed class UpdatePreferences(CosmosClient cosmos, NotificationPreferences preferences, TimeProvider time)
{
    private const int MaxAttempts = 5;
    private readonly Container _container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    public async Task<Result<PreferencesView>> HandleAsync(Caller caller, PreferencesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await preferences.FindAsync(caller.Id, cancellationToken);
            try
            {
                var saved = current is null
                    ? (await _container.CreateItemAsync(
                        new PreferencesDocument { UserId = caller.Id, Youth = request.Youth ?? false, Women = request.Women ?? false, All = request.All ?? false, UpdatedAt = now },
                        new PartitionKey(caller.Id),
                        cancellationToken: cancellationToken)).Resource
                    : (await _container.PatchItemAsync<PreferencesDocument>(NotificationKinds.PreferencesId, new PartitionKey(caller.Id), Operations(request, now), cancellationToken: cancellationToken)).Resource;
                return new PreferencesView(saved.Youth, saved.Women, saved.All);
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
            {
                // Created or deleted (account deletion) meanwhile: look again.
            }
        }

        return Error.From(ErrorCodes.ConcurrentChange);
    }

    private static List<PatchOperation> Operations(PreferencesRequest request, DateTimeOffset now)
    {
        var operations = new List<PatchOperation> { PatchOperation.Set("/updatedAt", now) };
        if (request.Youth is { } youth)
        {
            operations.Add(PatchOperation.Set("/youth", youth));
        }

        if (request.Women is { } women)
        {
            operations.Add(PatchOperation.Set("/women", women));
        }

        if (request.All is { } all)
        {
            operations.Add(PatchOperation.Set("/all", all));
        }

        return operations;
    }
}
