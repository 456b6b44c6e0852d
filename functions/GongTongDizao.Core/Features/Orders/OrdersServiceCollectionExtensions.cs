using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Volunteers;
using GongTongDizao.Core.Privacy;
using GongTongDizao.Core.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.Core.Features.Orders;

internal static class OrdersServiceCollectionExtensions
{
    /// <summary>Registers 青年点单: volunteer teams and profiles, and orders with their stores, handlers and deadlines.</summary>
    public static IServiceCollection AddOrdersFeature(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OrdersOptions>().Bind(configuration.GetSection(OrdersOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<TeamStore>();
        services.AddSingleton<VolunteerStore>();
        services.AddSingleton<TeamViews>();
        services.AddSingleton<ITeamAudience, TeamAudience>();
        services.AddSingleton<IPersonalDataSource, VolunteerPersonalData>();
        services.AddTransient<CreateTeam>();
        services.AddTransient<TeamFounding>();
        services.AddTransient<GetTeam>();
        services.AddTransient<ListTeams>();
        services.AddTransient<RequestToJoinTeam>();
        services.AddTransient<DecideJoinRequest>();
        services.AddTransient<SaveVolunteerProfile>();
        services.AddTransient<GetVolunteerProfile>();

        services.AddSingleton<OrderStore>();
        services.AddSingleton<IAggregateStore<Order>>(sp => sp.GetRequiredService<OrderStore>());
        services.AddSingleton<OrderAccess>();
        services.AddSingleton<OrderContactSeal>();
        services.AddSingleton<OrderViews>();
        services.AddSingleton<OrderTransitions>();
        services.AddSingleton<OrderDailyLimit>();
        services.AddSingleton<OrderIntake>();
        services.AddSingleton<ITimerHandler, OrderDeadlineHandler>();
        services.AddSingleton<IPersonalDataSource, OrderPersonalData>();
        services.AddSingleton<OrderMenu>();
        services.AddSingleton<ListOrderCategories>();
        services.AddTransient<ListManagedOrderCategories>();
        services.AddTransient<SaveOrderCategory>();
        services.AddTransient<PlaceOrder>();
        services.AddTransient<PlaceOrderForResident>();
        services.AddTransient<ListMyOrders>();
        services.AddTransient<GetOrder>();
        services.AddTransient<CancelOrder>();
        services.AddTransient<ApproveOrder>();
        services.AddTransient<RejectOrder>();
        services.AddTransient<DispatchOrder>();
        services.AddTransient<PoolOrder>();
        services.AddTransient<TakeOrder>();
        services.AddTransient<DeliverOrder>();
        services.AddTransient<RateOrder>();
        services.AddTransient<CloseOrder>();
        services.AddTransient<ListStaffOrders>();
        services.AddTransient<ListTeamOrders>();
        services.AddTransient<GetOrderStats>();
        return services;
    }
}
