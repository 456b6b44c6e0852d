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
    SessionAccounts accounts,
    TokenService tokens,
    MeViews views,
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

        var saved = await accounts.SaveAsync(session, cancellationToken);
        if (!saved.IsSuccess)
        {
            return saved.Error;
        }

        var (token, expiresAt) = tokens.Issue(saved.Value.Id);
        return new LoginResponse(token, expiresAt, await views.CreateAsync(saved.Value, cancellationToken));
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
