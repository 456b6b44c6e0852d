using Azure.Core;
using Azure.Core.Pipeline;

namespace GongTongDizao.EndToEnd.Tests.Performance;

/// <summary>Counts "Put Message" calls (POST …/{queue}/messages) of a measured HTTP request; receives and deletes are not sends.</summary>
public sealed class QueueSendCounter : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (StoreCallScope.Current is not { } tally || message.Request.Method != RequestMethod.Post)
        {
            return;
        }

        var path = message.Request.Uri.Path.TrimEnd('/');
        if (path.EndsWith("/messages", StringComparison.Ordinal))
        {
            var segments = path.Split('/');
            tally.CountQueueSend(segments[^2]);
        }
    }
}
