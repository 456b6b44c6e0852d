using System.Collections.Concurrent;
using Azure.Storage.Queues;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.Core.Timers;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GongTongDizao.Core.Tests.Handlers;

/// <summary>
/// One test's world: the real Core container with a <see cref="FakeTimeProvider"/> as its clock and the events the
/// outbox publishes recorded instead of queued; fresh ids for every org and person, so tests share no data.
/// </summary>
public sealed class HandlerScope : IAsyncDisposable
{
    /// <summary>10:00 in Beijing, far from the day boundary the daily limits and deadlines turn on.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    private readonly HandlerFixture _fixture;
    private readonly ServiceProvider _services;

    public HandlerScope(HandlerFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        _fixture = fixture;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        fixture.Register(services);
        // Added after Core's own: the last registration is the one handlers get.
        services.AddSingleton<EventQueue>(sp => new RecordingEventQueue(sp.GetRequiredService<QueueServiceClient>(), Published));
        services.AddSingleton<TimerQueue>(sp => new RecordingTimerQueue(sp.GetRequiredService<QueueServiceClient>(), Time, Scheduled));
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>Every event the handlers published, in order.</summary>
    public ConcurrentQueue<DomainEvent> Published { get; } = new();

    /// <summary>Every timer the handlers scheduled, in order (also sent, as in the app).</summary>
    public ConcurrentQueue<TimerMessage> Scheduled { get; } = new();

    public WeChatSimulator Simulator => _fixture.Simulator;

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public IReadOnlyList<DomainEvent> EventsOf(string entityId) => [.. Published.Where(e => e.EntityId == entityId)];

    /// <summary>A new province down to a street with two communities, imported through the real handler.</summary>
    public async Task<Tree> NewTreeAsync()
    {
        var s = Guid.NewGuid().ToString("N")[..12];
        var tree = new Tree("P" + s, "T" + s, "D" + s, "S" + s, "C" + s, "N" + s);
        var result = await Get<ImportOrgs>().HandleAsync(new ImportOrgsRequest(
        [
            new(tree.Province, "测试省" + s[..4], OrgLevel.Province, null),
            new(tree.City, "测试市" + s[..4], OrgLevel.City, tree.Province),
            new(tree.District, "测试区" + s[..4], OrgLevel.District, tree.City),
            new(tree.Street, "测试街道" + s[..4], OrgLevel.Street, tree.District),
            new(tree.Community, "测试社区" + s[..4], OrgLevel.Community, tree.Street),
            new(tree.OtherCommunity, "另一社区" + s[..4], OrgLevel.Community, tree.Street),
        ]), CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return tree;
    }

    /// <summary>A person stored as a first login would store them, who has just used the mini-program (WeChat's text checks need that).</summary>
    public async Task<Caller> NewPersonAsync(string? homeCommunityId = null, string name = "青年小王", params (Role Role, string OrgId)[] roles)
    {
        var openId = WeChatSimulator.OpenIdFor($"dev-{Guid.NewGuid():N}");
        var users = Get<UserStore>();
        var id = await users.LinkOpenIdAsync(openId, UserIds.NewId(), CancellationToken.None);
        var assignments = roles.Select(r => new RoleAssignment(r.Role, r.OrgId, Time.GetUtcNow())).ToList();
        var user = await users.TryCreateAsync(new UserAccount
        {
            Id = id,
            OpenId = openId,
            DisplayName = name,
            HomeCommunityId = homeCommunityId,
            Roles = assignments,
            StaffScopeIndex = await StaffRoles.ScopeIndexAsync(assignments, Get<OrgDirectory>(), CancellationToken.None),
            CreatedAt = Time.GetUtcNow(),
        }, CancellationToken.None);
        Assert.NotNull(user);
        Simulator.State.RecordVisit(openId);
        return new Caller(user);
    }

    /// <summary>The audit trail of one entity, oldest first.</summary>
    public async Task<IReadOnlyList<Audit.AuditEvent>> AuditOfAsync(string entityId)
    {
        var container = Get<CosmosClient>().GetContainer(StoreNames.Database, StoreNames.Containers.Events);
        var query = container.GetItemQueryIterator<Audit.AuditEvent>(
            new QueryDefinition("SELECT * FROM c WHERE c.entityId = @id").WithParameter("@id", entityId),
            requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(entityId) });
        var entries = new List<Audit.AuditEvent>();
        while (query.HasMoreResults)
        {
            entries.AddRange(await query.ReadNextAsync());
        }

        return [.. entries.OrderBy(e => e.At)];
    }

    public async Task<IReadOnlyList<string>> AuditActionsAsync(string entityId) => [.. (await AuditOfAsync(entityId)).Select(e => e.Action)];

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    public sealed record Tree(string Province, string City, string District, string Street, string Community, string OtherCommunity);

    private sealed class RecordingTimerQueue(QueueServiceClient queues, TimeProvider time, ConcurrentQueue<TimerMessage> scheduled) : TimerQueue(queues, time)
    {
        public override Task ScheduleAsync(TimerMessage message, CancellationToken cancellationToken)
        {
            scheduled.Enqueue(message);
            return base.ScheduleAsync(message, cancellationToken);
        }
    }

    /// <summary>Records what the outbox publishes instead of sending it to the events queue.</summary>
    private sealed class RecordingEventQueue(QueueServiceClient queues, ConcurrentQueue<DomainEvent> published) : EventQueue(queues)
    {
        public override Task SendAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
        {
            published.Enqueue(domainEvent);
            return Task.CompletedTask;
        }
    }
}
