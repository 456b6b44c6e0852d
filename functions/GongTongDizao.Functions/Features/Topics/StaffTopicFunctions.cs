using GongTongDizao.Core.Features.Topics;

namespace GongTongDizao.Functions.Features.Topics;

/// <summary>What women's representatives and federation workers list: the topics of their subtree, a meeting's sign-in sheet.</summary>
public sealed class StaffTopicFunctions(Api api, ListStaffTopics list, ListMeetingRegistrations registrations)
{
    [Function("ListStaffTopics")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/topics")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<StaffTopicList>(
            req,
            (caller, ct) => list.HandleAsync(caller, new StaffTopicsQuery(req.Query["orgId"], req.Query["status"], req.Query["needsAction"], req.Query["continuation"]), ct),
            cancellationToken);

    [Function("ListTopicMeetingRegistrations")]
    public Task<IActionResult> Registrations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "topics/{id}/meetings/{meetingId}/registrations")] HttpRequest req, string id, string meetingId, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<MeetingRegistrations>(req, (caller, ct) => registrations.HandleAsync(caller, id, meetingId, ct), cancellationToken);
}
