namespace Registry.Domain.Enterprises;

/// <summary>A certification application as the review rules read it: who applied for which grade, where it stands, who reviews it.</summary>
public sealed record ApplicationSnapshot(Guid Id, Guid EnterpriseId, int Grade, string Status, Guid? ReviewerOrganizationId);

/// <summary>States of an application for certification (认证申请).</summary>
public static class ApplicationStatus
{
    public const string Submitted = "submitted";
    public const string UnderReview = "under_review";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    public static IReadOnlyList<string> All { get; } = [Submitted, UnderReview, Approved, Rejected];

    /// <summary>An application still waiting for a decision; an enterprise has at most one.</summary>
    public static bool IsOpen(string status) => status is Submitted or UnderReview;
}

/// <summary>States of a labeling enterprise certificate (数据标注企业认证证书).</summary>
public static class CertificateStatus
{
    public const string Active = "active";
    public const string Suspended = "suspended";
    public const string Revoked = "revoked";
    public const string Expired = "expired";
    /// <summary>Replaced by a newer certificate of the same enterprise.</summary>
    public const string Superseded = "superseded";

    public static IReadOnlyList<string> All { get; } = [Active, Suspended, Revoked, Expired, Superseded];

    public static bool IsKnown(string? status) => status is not null && All.Contains(status);

    /// <summary>Not yet ended: active or suspended. Only one per enterprise.</summary>
    public static bool IsCurrent(string status) => status is Active or Suspended;
}

/// <summary>
/// The certification workflow: application submitted → under review → approved (a certificate is issued) or
/// rejected; certificate active ⇄ suspended, → revoked, → expired, → superseded by a newer one.
/// </summary>
public static class CertificationWorkflow
{
    private static string Require(string entity, string current, string attempted, params string[] from) =>
        from.Contains(current) ? current : throw new InvalidTransitionException(entity, current, attempted);

    public static string TakeUnderReview(string application)
    {
        Require("application", application, "taken under review", ApplicationStatus.Submitted);
        return ApplicationStatus.UnderReview;
    }

    public static string Approve(string application)
    {
        Require("application", application, "approved", ApplicationStatus.UnderReview);
        return ApplicationStatus.Approved;
    }

    public static string Reject(string application)
    {
        Require("application", application, "rejected", ApplicationStatus.UnderReview);
        return ApplicationStatus.Rejected;
    }

    public static string Suspend(string certificate)
    {
        Require("certificate", certificate, "suspended", CertificateStatus.Active);
        return CertificateStatus.Suspended;
    }

    public static string Reinstate(string certificate)
    {
        Require("certificate", certificate, "reinstated", CertificateStatus.Suspended);
        return CertificateStatus.Active;
    }

    public static string Revoke(string certificate)
    {
        Require("certificate", certificate, "revoked", CertificateStatus.Active, CertificateStatus.Suspended);
        return CertificateStatus.Revoked;
    }

    public static string Supersede(string certificate)
    {
        Require("certificate", certificate, "superseded", CertificateStatus.Active, CertificateStatus.Suspended);
        return CertificateStatus.Superseded;
    }

    /// <summary>A current certificate whose last valid day has passed expires; anything else is unchanged.</summary>
    public static string ExpireIfDue(string certificate, DateOnly expiresOn, DateOnly today) =>
        CertificateStatus.IsCurrent(certificate) && CertificateTerms.HasExpired(expiresOn, today) ? CertificateStatus.Expired : certificate;
}

/// <summary>Number, validity and early warning of a certificate.</summary>
public static class CertificateTerms
{
    public const int DefaultValidityYears = 3;
    public const int WarningDays = 90;

    /// <summary>The last day the certificate is valid: three years after issue, less a day.</summary>
    public static DateOnly ExpiresOn(DateOnly issuedOn, int validityYears = DefaultValidityYears) => issuedOn.AddYears(validityYears).AddDays(-1);

    public static bool HasExpired(DateOnly expiresOn, DateOnly today) => today > expiresOn;

    /// <summary>Still valid, and within the warning period before the last valid day.</summary>
    public static bool IsExpiringSoon(DateOnly expiresOn, DateOnly today, int warningDays = WarningDays) =>
        !HasExpired(expiresOn, today) && expiresOn.DayNumber - today.DayNumber < warningDays;

    /// <summary>Human-readable number: SJBZ-{year}-{province pair}-{grade}-{sequence}, e.g. SJBZ-2026-51-3-000042.</summary>
    public static string Number(int year, string regionCode, int grade, long sequence) =>
        FormattableString.Invariant($"SJBZ-{year}-{regionCode[..2]}-{grade}-{sequence:000000}");
}
