namespace GongTongDizao.Core.Features.Attachments;

/// <summary>A media-check verdict arrived for a trace id not (yet) recorded; WeChat's push retry delivers it again.</summary>
public sealed class UnknownMediaCheckTraceException : Exception
{
    public UnknownMediaCheckTraceException()
    {
    }

    public UnknownMediaCheckTraceException(string traceId)
        : base($"No upload is waiting for media-check trace {traceId}.")
    {
    }

    public UnknownMediaCheckTraceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
