using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Attachments;

/// <summary>
/// Receives <c>wxa_media_check</c> verdicts from the WeChat push endpoint; the Attachments feature matches them to
/// uploads by <see cref="MediaCheckEvent.TraceId"/>. Implementations ignore trace ids they do not know.
/// </summary>
public interface IMediaCheckVerdictHandler
{
    Task HandleAsync(MediaCheckEvent verdict, CancellationToken cancellationToken);
}
