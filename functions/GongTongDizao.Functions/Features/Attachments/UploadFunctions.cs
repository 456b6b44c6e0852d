using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Attachments;

namespace GongTongDizao.Functions.Features.Attachments;

public sealed class UploadFunctions(Api api, CreateUpload createUpload, UploadSweeper sweeper)
{
    [Function("CreateUpload")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "uploads")] HttpRequest req, CancellationToken cancellationToken) =>
        api.CreateAsync<CreateUploadRequest, Created>(req, createUpload.HandleAsync, cancellationToken);

    /// <summary>Uploads never committed within 24 hours: blob and document (the lifecycle rule only removes blobs, and only in Azure).</summary>
    [Function("UploadSweep")]
    public Task Sweep([TimerTrigger("0 0 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweeper.SweepAsync(cancellationToken);
}
