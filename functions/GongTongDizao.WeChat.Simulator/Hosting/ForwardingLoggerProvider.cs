using Microsoft.Extensions.Logging;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>Sends the in-process simulator's logs to the caller's logger factory (e.g. the test output).</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    public void Dispose()
    {
        // The factory belongs to the caller.
    }
}
