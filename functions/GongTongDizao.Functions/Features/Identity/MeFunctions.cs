using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GongTongDizao.Functions.Features.Identity;

public sealed class MeFunctions(Api api, GetMe getMe, UpdateMe updateMe, LinkPhone linkPhone, AcceptPrivacyPolicy acceptPrivacy, ExportMyData export, DeleteMe deleteMe)
{
    [Function("GetMe")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<MeView>(req, getMe.HandleAsync, cancellationToken);

    [Function("UpdateMe")]
    public Task<IActionResult> Update(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "me")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<UpdateMeRequest, MeView>(req, updateMe.HandleAsync, cancellationToken);

    [Function("DeleteMe")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "me")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<NoContent>(req, deleteMe.HandleAsync, cancellationToken);

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
