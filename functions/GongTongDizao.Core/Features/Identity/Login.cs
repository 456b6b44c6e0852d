using FluentValidation;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using GongTongDizao.WeChat;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Features.Identity;

public sealed record LoginRequest(string Code);

public sealed record LoginResponse(string Token, DateTimeOffset ExpiresAt, MeView User);

public sealed class LoginValidator : AbstractValidator<LoginRequest>
{
    public LoginValidator() => RuleFor(r => r.Code).NotEmpty().MaximumLength(128).Must(c => !TextRules.HasControlCharacters(c)).WithMessage("不能包含控制字符");
}

/// <summary>wx.login code → code2Session → the openid's account (created with a random id on first login) → our own token.</summary>
public sealed partial class Login(
    WeChatClient wechat,
    UserStore users,
    FieldProtector protector,
    TokenService tokens,
    MeViews views,
    TimeProvider time,
    ILogger<Login> logger)
{
    public async Task<Result<LoginResponse>> HandleAsync(LoginRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Code2SessionResult session;
        try
        {
            session = await wechat.Code2SessionAsync(request.Code, cancellationToken);
        }
        catch (WeChatApiException ex)
        {
            return MapWeChatError(ex);
        }
        catch (Exception ex) when (WeChatUnavailable.Is(ex, cancellationToken))
        {
            LogWeChatUnreachable(logger, ex.GetType().Name);
            return Error.From(ErrorCodes.WeChatUnavailable) with { RetryAfter = TimeSpan.FromSeconds(5) };
        }

        var saved = await SaveSessionAsync(session, cancellationToken);
        if (!saved.IsSuccess)
        {
            return saved.Error;
        }

        var (token, expiresAt) = tokens.Issue(saved.Value.Id);
        return new LoginResponse(token, expiresAt, await views.CreateAsync(saved.Value, cancellationToken));
    }

    private async Task<Result<UserAccount>> SaveSessionAsync(Code2SessionResult session, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // wx.login may rotate the session key: always keep the newest. Three tries cover a concurrent login of the same person.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // A first login (or the first after deletion) links the openid to a new random id; a concurrent one gets the winner's.
            var id = await users.FindIdByOpenIdAsync(session.OpenId, cancellationToken)
                ?? await users.LinkOpenIdAsync(session.OpenId, UserIds.NewId(), cancellationToken);
            var existing = await users.FindAsync(id, cancellationToken);
            if (existing is null)
            {
                var created = await users.TryCreateAsync(
                    new UserAccount
                    {
                        Id = id,
                        OpenId = session.OpenId,
                        UnionId = session.UnionId,
                        SessionKeyProtected = protector.Protect(session.SessionKey),
                        CreatedAt = now,
                        UpdatedAt = now,
                        LastLoginAt = now,
                    },
                    cancellationToken);
                if (created is not null)
                {
                    return created;
                }

                continue;
            }

            var replaced = await users.ReplaceAsync(
                existing with { SessionKeyProtected = protector.Protect(session.SessionKey), UnionId = session.UnionId ?? existing.UnionId, LastLoginAt = now },
                cancellationToken);
            if (replaced.IsSuccess)
            {
                return replaced;
            }
        }

        return Error.From(ErrorCodes.ConcurrentChange);
    }

    private Error MapWeChatError(WeChatApiException ex)
    {
        LogWeChatRefused(logger, ex.ErrCode, ex.Rid);
        return ex.ErrCode switch
        {
            WeChatErrorCodes.InvalidCode or WeChatErrorCodes.CodeAlreadyUsed => Error.From(ErrorCodes.LoginCodeInvalid),
            WeChatErrorCodes.HighRiskUser => Error.From(ErrorCodes.WeChatUserBlocked),
            _ => Error.From(ErrorCodes.WeChatUnavailable) with { RetryAfter = TimeSpan.FromSeconds(ex.Classification == WeChatErrorClassification.RetryLater ? 60 : 5) },
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "code2Session refused with errcode {ErrCode} (rid {Rid})")]
    private static partial void LogWeChatRefused(ILogger logger, int errCode, string? rid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "code2Session did not answer ({ExceptionType})")]
    private static partial void LogWeChatUnreachable(ILogger logger, string exceptionType);
}
