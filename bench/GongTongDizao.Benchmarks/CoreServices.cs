using System.Security.Cryptography;
using GongTongDizao.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.Benchmarks;

/// <summary>
/// Core's own registrations (AddGongTongDizaoCore), so the benchmarks measure the validators, token service and
/// catalogue exactly as the Functions app wires them (zh-CN messages, cascade mode…). Nothing here touches the
/// network: the endpoints are loopback addresses that no benchmark calls.
/// </summary>
internal static class CoreServices
{
    public static ServiceProvider Create()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cosmos:Endpoint"] = "https://127.0.0.1:8081/",
            ["Cosmos:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)),
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Auth:DataProtectionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["WeChat:BaseAddress"] = "http://127.0.0.1:9/",
            ["WeChat:AppId"] = "wx0123456789abcdef",
            ["WeChat:AppSecret"] = "benchmark-app-secret",
            ["WeChat:Token"] = "benchmarktoken",
            ["WeChat:EncodingAesKey"] = new string('A', 43),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGongTongDizaoCore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
