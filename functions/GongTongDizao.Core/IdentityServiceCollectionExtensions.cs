using System.Globalization;
using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.Core.Privacy;
using GongTongDizao.WeChat;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.Core;

internal static class IdentityServiceCollectionExtensions
{
    public static IServiceCollection AddIdentityFeature(this IServiceCollection services, IConfiguration configuration)
    {
        // Validation messages in Simplified Chinese, field names as the API spells them (camelCase).
        ValidatorOptions.Global.LanguageManager.Culture = CultureInfo.GetCultureInfo("zh-CN");
        // A missing field fails its NotEmpty rule and goes no further, instead of reaching rules that assume a value.
        ValidatorOptions.Global.DefaultRuleLevelCascadeMode = CascadeMode.Stop;
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : char.ToLowerInvariant(member.Name[0]) + member.Name[1..];
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : char.ToLowerInvariant(member.Name[0]) + member.Name[1..];
        services.AddValidatorsFromAssemblyContaining<LoginValidator>(ServiceLifetime.Singleton, includeInternalTypes: true);
        foreach (var scanned in AssemblyScanner.FindValidatorsInAssembly(typeof(LoginValidator).Assembly, includeInternalTypes: true))
        {
            services.AddSingleton(sp => (IValidator)sp.GetRequiredService(scanned.ValidatorType));
        }

        services.AddSingleton<Common.RequestValidators>();

        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddWeChatClient(configuration.GetSection(WeChatClientOptions.SectionName));
        services.AddSingleton<KeyMaterial>();
        services.AddSingleton<FieldProtector>();
        services.AddSingleton<UserIds>();
        services.AddSingleton<Common.PageTokens>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<SessionAccounts>();
        services.AddSingleton<OrgDirectory>();
        services.AddSingleton<Authorizer>();
        services.AddSingleton<StatsScope>();
        services.AddSingleton<Authenticator>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<MeViews>();
        services.AddSingleton<IPersonalDataSource, AuditPersonalData>();

        services.AddTransient<Login>();
        services.AddTransient<GetMe>();
        services.AddTransient<UpdateMe>();
        services.AddTransient<LinkPhone>();
        services.AddTransient<AcceptPrivacyPolicy>();
        services.AddTransient<ExportMyData>();
        services.AddTransient<DeleteMe>();
        services.AddSingleton<LateWriteErasure>();
        services.AddSingleton<Timers.ITimerHandler>(sp => sp.GetRequiredService<LateWriteErasure>());
        services.AddTransient<GetOrg>();
        services.AddTransient<ListOrgChildren>();
        services.AddTransient<SearchOrgs>();
        services.AddTransient<ImportOrgs>();
        services.AddTransient<GrantRole>();
        services.AddTransient<RevokeRole>();
        services.AddTransient<ListStaff>();
        return services;
    }
}
