namespace GongTongDizao.Core.Authorization;

/// <summary>What staff may do on items of an org subtree. The role → permission table is in <see cref="Authorizer"/>.</summary>
public enum Permission
{
    HandleLetters,
    ManageDeliberation,
    ModerateContent,
    BroadcastToYouth,
    BroadcastToWomen,

    /// <summary>青年点单: create volunteer teams, review, dispatch and pool orders, place orders for residents, read the numbers.</summary>
    RunVolunteerService,

    /// <summary>Organise activities (志愿公益集市, 假日托管, women's groups…) for places in scope, and read their numbers.</summary>
    OrganiseActivities,
}
