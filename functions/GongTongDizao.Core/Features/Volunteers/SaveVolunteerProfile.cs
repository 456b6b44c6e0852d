using GongTongDizao.Core.Audit;
using GongTongDizao.Core.ContentSafety;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Volunteers;

public sealed record GuardianConsentRequest(string GuardianName, string Relation);

public sealed record SaveVolunteerProfileRequest(string RealName, int? BirthYear, GuardianConsentRequest? Guardian);

public sealed class SaveVolunteerProfileValidator : AbstractValidator<SaveVolunteerProfileRequest>
{
    public SaveVolunteerProfileValidator()
    {
        RuleFor(r => r.RealName).NotEmpty().WithMessage("请填写真实姓名").Text(1, 20);
        RuleFor(r => r.BirthYear).NotNull().WithMessage("请填写出生年份").InclusiveBetween(1900, 2100).WithMessage("出生年份无效");
        RuleFor(r => r.Guardian!.GuardianName).NotEmpty().Text(1, 20).When(r => r.Guardian is not null).OverridePropertyName("guardian.guardianName");
        RuleFor(r => r.Guardian!.Relation).NotEmpty().Text(1, 10).When(r => r.Guardian is not null).OverridePropertyName("guardian.relation");
    }
}

/// <summary>The person's volunteer profile: real name, birth year and (14–17) a guardian's consent; the verified phone comes from the account.</summary>
public sealed record VolunteerProfileView(string RealName, string PhoneMasked, int BirthYear, GuardianConsent? GuardianConsent, VolunteerEligibility Eligibility);

/// <summary>
/// Opt-in: a person records what a service record needs. A verified phone (the phone link) is required first. A
/// guardian's consent is recorded only for someone under 18 (an adult's would be data nobody needs) and is kept
/// until the profile is deleted; under-14s may register but are never named to serve.
/// </summary>
public sealed class SaveVolunteerProfile(VolunteerStore profiles, ContentGuard guard, AuditLog audit, TimeProvider time)
{
    public async Task<Result<VolunteerProfileView>> HandleAsync(Caller caller, SaveVolunteerProfileRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (caller.User.PhoneMasked is not { } phone)
        {
            return Error.From(ErrorCodes.PhoneRequired);
        }

        var now = time.GetUtcNow();
        var birthYear = request.BirthYear!.Value;
        if (birthYear > ChinaTime.YearOf(now))
        {
            return Error.Validation("birthYear", "出生年份无效");
        }

        var minor = VolunteerAge.NeedsGuardian(birthYear, now);
        if (await guard.CheckAsync(caller.User.OpenId, ContentCheckScene.Profile, null, string.Join('\n', request.RealName, request.Guardian?.GuardianName, request.Guardian?.Relation), cancellationToken) == ContentVerdict.Reject)
        {
            return Error.From(ErrorCodes.ContentRejected);
        }

        var existing = await profiles.FindAsync(caller.Id, cancellationToken);
        var consent = !minor ? null
            : request.Guardian is { } g ? new GuardianConsent(g.GuardianName.Trim(), g.Relation.Trim(), existing?.GuardianConsent is { } c && c.GuardianName == g.GuardianName.Trim() ? c.RecordedAt : now)
            : existing?.GuardianConsent;
        var saved = await profiles.UpsertAsync(
            new VolunteerProfile
            {
                Id = caller.Id,
                RealName = request.RealName.Trim(),
                PhoneMasked = phone,
                BirthYear = birthYear,
                GuardianConsent = consent,
                CreatedAt = existing?.CreatedAt ?? now,
                UpdatedAt = now,
            },
            cancellationToken);
        if (consent is not null && existing?.GuardianConsent is null)
        {
            await audit.AppendAsync("volunteer", caller.Id, "volunteer.guardian_consent_recorded", caller.Id, cancellationToken: cancellationToken);
        }

        return View(saved, now);
    }

    public static VolunteerProfileView View(VolunteerProfile profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new VolunteerProfileView(profile.RealName, profile.PhoneMasked, profile.BirthYear, profile.GuardianConsent, VolunteerAge.Check(profile, now));
    }
}
