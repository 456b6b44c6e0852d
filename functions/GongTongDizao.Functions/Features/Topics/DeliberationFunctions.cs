using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Topics;

namespace GongTongDizao.Functions.Features.Topics;

/// <summary>Deliberation meetings (schedule, register, minutes) and the decision.</summary>
public sealed class DeliberationFunctions(Api api, ScheduleMeeting schedule, RegisterForMeeting registration, RecordMinutes minutes, DecideTopic decide)
{
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
