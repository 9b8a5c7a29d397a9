namespace Registry.Application.Access;

public enum SignInResult
{
    Succeeded,
    InvalidCredentials,
    Throttled,
}

/// <summary>What a sign-in attempt decided; failures are answers, not errors, so the throttle's count is stored.</summary>
public sealed record SignInOutcome(SignInResult Result, Guid? UserId, bool MustChangePassword, DateTimeOffset? RetryAfter);
