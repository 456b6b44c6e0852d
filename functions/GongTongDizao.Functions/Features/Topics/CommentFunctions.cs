using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Topics;

namespace GongTongDizao.Functions.Features.Topics;

/// <summary>民事民议: comments on a topic and their reports.</summary>
public sealed class CommentFunctions(Api api, AddComment addComment, ListComments listComments, ReportComment report)
{
    [Function("ListTopicComments")]
    public Task<IActionResult> ListComments(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "topics/{id}/comments")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<CommentList>(req, (caller, ct) => listComments.HandleAsync(caller, id, req.Query["continuation"], ct), cancellationToken);

    [Function("AddTopicComment")]
    public Task<IActionResult> AddComment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "topics/{id}/comments")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.CreateAsync<AddCommentRequest, Created>(req, (caller, body, ct) => addComment.HandleAsync(caller, id, body, ct), cancellationToken);

    [Function("ReportTopicComment")]
    public Task<IActionResult> Report(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "comments/{id}/report")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<CommentView>(req, (caller, ct) => report.HandleAsync(caller, id, ct), cancellationToken);
}
