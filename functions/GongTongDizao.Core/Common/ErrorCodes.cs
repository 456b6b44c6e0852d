namespace GongTongDizao.Core.Common;

/// <summary>Every stable error code. A test keeps this list equal to miniprogram-contract/errors.json.</summary>
public static class ErrorCodes
{
    public const string InvalidJson = "INVALID_JSON";
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string LoginCodeInvalid = "LOGIN_CODE_INVALID";
    public const string WeChatUserBlocked = "WECHAT_USER_BLOCKED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string ConcurrentChange = "CONCURRENT_CHANGE";
    public const string InvalidState = "INVALID_STATE";
    public const string IdempotencyKeyInUse = "IDEMPOTENCY_KEY_IN_USE";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string ContentRejected = "CONTENT_REJECTED";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string PhoneCodeInvalid = "PHONE_CODE_INVALID";
    public const string OrgImportInvalid = "ORG_IMPORT_INVALID";
    public const string OrderAlreadyTaken = "ORDER_ALREADY_TAKEN";
    public const string OrderCategoryUnavailable = "ORDER_CATEGORY_UNAVAILABLE";
    public const string VolunteerProfileRequired = "VOLUNTEER_PROFILE_REQUIRED";
    public const string VolunteerTooYoung = "VOLUNTEER_TOO_YOUNG";
    public const string GuardianConsentRequired = "GUARDIAN_CONSENT_REQUIRED";
    public const string PhoneRequired = "PHONE_REQUIRED";
    public const string SignUpClosed = "SIGNUP_CLOSED";
    public const string AlreadySignedUp = "ALREADY_SIGNED_UP";
    public const string NotEligible = "NOT_ELIGIBLE";
    public const string ActivityCancelled = "ACTIVITY_CANCELLED";
    public const string CheckInCodeInvalid = "CHECKIN_CODE_INVALID";
    public const string CheckInCodeExpired = "CHECKIN_CODE_EXPIRED";
    public const string CheckInNotOpen = "CHECKIN_NOT_OPEN";
    public const string CheckInNotRegistered = "CHECKIN_NOT_REGISTERED";
    public const string RateLimited = "RATE_LIMITED";
    public const string WeChatUnavailable = "WECHAT_UNAVAILABLE";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
    public const string InternalError = "INTERNAL_ERROR";
}
