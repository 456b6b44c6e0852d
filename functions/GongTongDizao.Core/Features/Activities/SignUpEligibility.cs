using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Volunteers;

namespace GongTongDizao.Core.Features.Activities;

/// <summary>
/// Who may sign up for an activity, pure. Volunteers: the volunteer profile (never under 14, 14–17 only with the
/// guardian's consent recorded, the age the youngest the birth year allows) and the activity's age range.
/// Participants: home community, the birth year they state when there is an age range, a child's name and age for
/// childcare. Women-only: the person's declaration. The answer is the sign-up's stored facts: only what was needed.
/// </summary>
public static class SignUpEligibility
{
    public static Result<SignUp> Check(Activity activity, SignUpForActivityRequest request, UserAccount user, VolunteerProfile? profile, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var rules = activity.Eligibility;
        var role = request.Role!.Value;
        if (activity.Terms is not null && request.AcceptTerms != true)
        {
            return Error.Validation("acceptTerms", "请阅读并同意活动须知");
        }

        if (rules.WomenOnly && request.IsWoman != true)
        {
            return Error.From(ErrorCodes.NotEligible, "本活动仅限女性报名");
        }

        int? birthYear = null;
        if (role == SignUpRole.Volunteer)
        {
            if (request.Child is not null)
            {
                return Error.Validation("child", "志愿者报名不填写儿童信息");
            }

            switch (VolunteerAge.Check(profile, now))
            {
                case VolunteerEligibility.NoProfile:
                    return Error.From(ErrorCodes.VolunteerProfileRequired);
                case VolunteerEligibility.TooYoung:
                    return Error.From(ErrorCodes.VolunteerTooYoung, "未满 14 周岁不能报名志愿服务");
                case VolunteerEligibility.NeedsGuardianConsent:
                    return Error.From(ErrorCodes.GuardianConsentRequired);
            }

            if (!InRange(VolunteerAge.YoungestAge(profile!.BirthYear, now), rules))
            {
                return Error.From(ErrorCodes.NotEligible, "年龄不在本活动的报名范围内");
            }
        }
        else
        {
            if (rules.CommunityIds.Count > 0 && (user.HomeCommunityId is not { } home || !rules.CommunityIds.Contains(home)))
            {
                return Error.From(ErrorCodes.NotEligible, "本活动仅限指定社区的居民报名，请先在“我的”中设置所在社区");
            }

            if (activity.Kind == ActivityKind.HolidayChildcare)
            {
                if (request.Child is not { } child)
                {
                    return Error.Validation("child", "请填写孩子的姓名和年龄");
                }

                if (child.Age < (rules.ChildMinAge ?? 0) || child.Age > (rules.ChildMaxAge ?? 17))
                {
                    return Error.From(ErrorCodes.NotEligible, $"本活动接收 {rules.ChildMinAge}–{rules.ChildMaxAge} 岁的孩子");
                }
            }
            else if (request.Child is not null)
            {
                return Error.Validation("child", "本活动不接收儿童报名");
            }

            if (rules.MinAge is not null || rules.MaxAge is not null)
            {
                if (request.BirthYear is not { } year)
                {
                    return Error.Validation("birthYear", "请填写出生年份");
                }

                if (!InRange(VolunteerAge.YoungestAge(year, now), rules))
                {
                    return Error.From(ErrorCodes.NotEligible, "年龄不在本活动的报名范围内");
                }

                birthYear = year;
            }
        }

        return new SignUp
        {
            Id = SessionRoster.NewSignUpId(request.SessionId),
            UserId = user.Id,
            Role = role,
            Child = request.Child is { } c && role == SignUpRole.Participant ? c with { Name = c.Name.Trim() } : null,
            BirthYear = birthYear,
            DeclaredWoman = rules.WomenOnly ? true : null,
            TermsAcceptedAt = activity.Terms is null ? null : now,
            Status = SignUpStatus.Waitlisted,
            Sequence = 0,
            SignedUpAt = now,
        };
    }

    private static bool InRange(int age, ActivityEligibility rules) =>
        (rules.MinAge is not { } min || age >= min) && (rules.MaxAge is not { } max || age <= max);
}
