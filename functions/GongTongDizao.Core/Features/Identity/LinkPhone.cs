using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Identity;

public sealed record LinkPhoneRequest(string Code);

public sealed class LinkPhoneValidator : AbstractValidator<LinkPhoneRequest>
{
    public LinkPhoneValidator() => RuleFor(r => r.Code).NotEmpty().MaximumLength(128);
}

/// <summary>The phone button's code → getuserphonenumber (with the caller's openid, so a code issued to someone else is refused) → stored encrypted, shown masked.</summary>
public sealed class LinkPhone(WeChatClient wechat, UserStore users, FieldProtector protector, MeViews views, TimeProvider time)
{
    public async Task<Result<MeView>> HandleAsync(Caller caller, LinkPhoneRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        PhoneNumberInfo phone;
        try
        {
            phone = await wechat.GetPhoneNumberAsync(request.Code, caller.User.OpenId, cancellationToken);
        }
        catch (WeChatApiException ex) when (ex.Classification == WeChatErrorClassification.Permanent)
        {
            return Error.From(ErrorCodes.PhoneCodeInvalid);
        }
        catch (WeChatApiException)
        {
            return Error.From(ErrorCodes.WeChatUnavailable) with { RetryAfter = TimeSpan.FromSeconds(5) };
        }
        catch (Exception ex) when (WeChatUnavailable.Is(ex, cancellationToken))
        {
            // WeChat unreachable or too slow after the client's retries: the code is still good, so the person may
            // press the button again; nothing was stored.
            return Error.From(ErrorCodes.WeChatUnavailable) with { RetryAfter = TimeSpan.FromSeconds(5) };
        }

        var saved = await users.ReplaceAsync(
            caller.User with { PhoneProtected = protector.Protect(phone.PhoneNumber), PhoneMasked = Mask(phone.PurePhoneNumber), UpdatedAt = time.GetUtcNow() },
            cancellationToken);
        return saved.IsSuccess ? await views.CreateAsync(saved.Value, cancellationToken) : saved.Error;
    }

    /// <summary>138****1234: enough for the person to recognise their number, not enough to call it.</summary>
    public static string Mask(string number) =>
        number.Length >= 7 ? string.Concat(number.AsSpan(0, 3), new string('*', number.Length - 7), number.AsSpan(number.Length - 4)) : new string('*', number.Length);
}
