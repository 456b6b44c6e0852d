using GongTongDizao.Core.Features.Identity;

namespace GongTongDizao.Functions.Features.Identity;

/// <summary>The resident's phone number, privacy consent and personal-data export.</summary>
public sealed class MeDataFunctions(Api api, LinkPhone linkPhone, AcceptPrivacyPolicy acceptPrivacy, ExportMyData export)
{
    [Function("LinkPhone")]
    public Task<IActionResult> LinkPhone(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "me/phone")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<LinkPhoneRequest, MeView>(req, linkPhone.HandleAsync, cancellationToken);

    [Function("AcceptPrivacyPolicy")]
    public Task<IActionResult> AcceptPrivacy(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "me/privacy-consent")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<AcceptPrivacyPolicyRequest, MeView>(req, acceptPrivacy.HandleAsync, cancellationToken);

    [Function("ExportMyData")]
    public Task<IActionResult> Export(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/export")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<PersonalDataExport>(req, export.HandleAsync, cancellationToken);
}
