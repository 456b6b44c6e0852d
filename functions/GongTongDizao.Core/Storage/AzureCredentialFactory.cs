using Azure.Core;
using Azure.Identity;
using GongTongDizao.Core.Configuration;

namespace GongTongDizao.Core.Storage;

internal static class AzureCredentialFactory
{
    /// <summary>
    /// The user-assigned identity in Azure; on a developer's machine pointed at real Azure, their own sign-in.
    /// ManagedIdentityCredential is used directly in Azure so no time is spent probing other credential sources.
    /// </summary>
    public static TokenCredential Create(ManagedIdentityOptions options) =>
        string.IsNullOrWhiteSpace(options.ClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId));
}
