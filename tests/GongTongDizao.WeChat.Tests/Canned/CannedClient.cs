using GongTongDizao.WeChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.WeChat.Tests.Canned;

/// <summary>A WeChat client whose HTTP goes to a <see cref="StubHttpHandler"/>.</summary>
internal sealed class CannedClient : IDisposable
{
    private readonly ServiceProvider _provider;

    public CannedClient(Action<WeChatClientOptions>? tweak = null)
    {
        _provider = WeChatTestServices.Build(o =>
        {
            TestValues.Apply(o);
            tweak?.Invoke(o);
        }, Stub);
        Client = _provider.GetRequiredService<WeChatClient>();
    }

    public StubHttpHandler Stub { get; } = new();

    public WeChatClient Client { get; }

    public void Dispose()
    {
        _provider.Dispose();
        Stub.Dispose();
    }
}
