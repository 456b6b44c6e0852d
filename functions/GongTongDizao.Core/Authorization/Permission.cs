namespace GongTongDizao.Core.Authorization;

/// <summary>What staff may do on items of an org subtree. The role → permission table is in <see cref="Authorizer"/>.</summary>
public enum Permission
{
    HandleLetters,
    ManageDeliberation,
    ModerateContent,
    BroadcastToYouth,
    BroadcastToWomen,
}
