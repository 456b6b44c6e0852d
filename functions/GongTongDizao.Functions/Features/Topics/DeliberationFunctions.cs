using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Topics;
using GongTongDizao.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GongTongDizao.Functions.Features.Topics;

/// <summary>民事民议 and 民事民决: comments, reports, meetings, registrations, minutes, the decision.</summary>
public sealed class DeliberationFunctions(Api api, AddComment addComment, ListComments listComments, ReportComment report, ScheduleMeeting schedule, RegisterForMeeting registration, RecordMinutes minutes, DecideTopic decide)
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

    [Function("ScheduleTopicMeeting")]
    public Task<IActionResult> Schedule(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "topics/{id}/meetings")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.CreateAsync<ScheduleMeetingRequest, Created>(req, (caller, body, ct) => schedule.HandleAsync(caller, id, body, ct), cancellationToken);

    [Function("RegisterForTopicMeeting")]
    public Task<IActionResult> Register(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "topics/{id}/meetings/{meetingId}/registration")] HttpRequest req, string id, string meetingId, CancellationToken cancellationToken) =>
        api.CreateAsync<RegistrationView>(req, (caller, ct) => registration.RegisterAsync(caller, id, meetingId, ct), cancellationToken);

    [Function("CancelTopicMeetingRegistration")]
    public Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "topics/{id}/meetings/{meetingId}/registration")] HttpRequest req, string id, string meetingId, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<RegistrationView>(req, (caller, ct) => registration.CancelAsync(caller, id, meetingId, ct), cancellationToken);

    [Function("RecordTopicMeetingMinutes")]
    public Task<IActionResult> Minutes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "topics/{id}/meetings/{meetingId}/minutes")] HttpRequest req, string id, string meetingId, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<RecordMinutesRequest, TopicView>(req, (caller, body, ct) => minutes.HandleAsync(caller, id, meetingId, body, ct), cancellationToken);

    [Function("DecideTopic")]
    public Task<IActionResult> Decide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "topics/{id}/decision")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<DecideTopicRequest, TopicView>(req, (caller, body, ct) => decide.HandleAsync(caller, id, body, ct), cancellationToken);
}
