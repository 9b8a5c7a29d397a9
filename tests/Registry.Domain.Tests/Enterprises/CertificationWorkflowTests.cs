using Registry.Domain.Enterprises;

namespace Registry.Domain.Tests.Enterprises;

public sealed class CertificationWorkflowTests
{
    private static readonly Dictionary<string, Func<string, string>> ApplicationOperations = new()
    {
        ["take under review"] = CertificationWorkflow.TakeUnderReview,
        ["approve"] = CertificationWorkflow.Approve,
        ["reject"] = CertificationWorkflow.Reject,
    };

    private static readonly Dictionary<string, Func<string, string>> CertificateOperations = new()
    {
        ["suspend"] = CertificationWorkflow.Suspend,
        ["reinstate"] = CertificationWorkflow.Reinstate,
        ["revoke"] = CertificationWorkflow.Revoke,
        ["supersede"] = CertificationWorkflow.Supersede,
    };

    // The only allowed transitions; every other (state, operation) pair must throw.
    private static readonly Dictionary<(string From, string Operation), string> AllowedApplication = new()
    {
        [(ApplicationStatus.Submitted, "take under review")] = ApplicationStatus.UnderReview,
        [(ApplicationStatus.UnderReview, "approve")] = ApplicationStatus.Approved,
        [(ApplicationStatus.UnderReview, "reject")] = ApplicationStatus.Rejected,
    };

    private static readonly Dictionary<(string From, string Operation), string> AllowedCertificate = new()
    {
        [(CertificateStatus.Active, "suspend")] = CertificateStatus.Suspended,
        [(CertificateStatus.Suspended, "reinstate")] = CertificateStatus.Active,
        [(CertificateStatus.Active, "revoke")] = CertificateStatus.Revoked,
        [(CertificateStatus.Suspended, "revoke")] = CertificateStatus.Revoked,
        [(CertificateStatus.Active, "supersede")] = CertificateStatus.Superseded,
        [(CertificateStatus.Suspended, "supersede")] = CertificateStatus.Superseded,
    };

    public static TheoryData<string, string> ApplicationPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var state in ApplicationStatus.All)
            foreach (var operation in ApplicationOperations.Keys) data.Add(state, operation);
        return data;
    }

    public static TheoryData<string, string> CertificatePairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var state in CertificateStatus.All)
            foreach (var operation in CertificateOperations.Keys) data.Add(state, operation);
        return data;
    }

    [Theory]
    [MemberData(nameof(ApplicationPairs))]
    public void Every_application_operation_either_reaches_the_documented_state_or_is_refused_naming_the_current_one(
        string state, string operation) =>
        AssertTransition("application", state, operation, ApplicationOperations[operation], AllowedApplication);

    [Theory]
    [MemberData(nameof(CertificatePairs))]
    public void Every_certificate_operation_either_reaches_the_documented_state_or_is_refused_naming_the_current_one(
        string state, string operation) =>
        AssertTransition("certificate", state, operation, CertificateOperations[operation], AllowedCertificate);

    private static void AssertTransition(string entity, string state, string operation, Func<string, string> apply,
        Dictionary<(string From, string Operation), string> allowed)
    {
        if (allowed.TryGetValue((state, operation), out var next))
        {
            Assert.Equal(next, apply(state));
            return;
        }

        var refused = Assert.Throws<InvalidTransitionException>(() => apply(state));
        Assert.Equal(entity, refused.Entity);
        Assert.Equal(state, refused.Current);
        Assert.Contains($" is {state};", refused.Message, StringComparison.Ordinal);
        Assert.Contains(entity, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tables_of_allowed_transitions_only_use_known_states_and_operations()
    {
        Assert.All(AllowedApplication, t =>
        {
            Assert.Contains(t.Key.From, ApplicationStatus.All);
            Assert.Contains(t.Value, ApplicationStatus.All);
            Assert.Contains(t.Key.Operation, ApplicationOperations.Keys);
        });
        Assert.All(AllowedCertificate, t =>
        {
            Assert.Contains(t.Key.From, CertificateStatus.All);
            Assert.Contains(t.Value, CertificateStatus.All);
            Assert.Contains(t.Key.Operation, CertificateOperations.Keys);
        });
    }

    [Fact]
    public void A_suspended_certificate_can_be_reinstated() =>
        Assert.Equal(CertificateStatus.Active, CertificationWorkflow.Reinstate(CertificateStatus.Suspended));

    [Fact]
    public void A_revoked_certificate_cannot_be_reinstated_and_the_refusal_says_so()
    {
        var refused = Assert.Throws<InvalidTransitionException>(() => CertificationWorkflow.Reinstate(CertificateStatus.Revoked));

        Assert.Equal("The certificate is revoked; it cannot be reinstated.", refused.Message);
        Assert.Equal("reinstated", refused.Attempted);
    }

    [Fact]
    public void Only_submitted_and_under_review_applications_are_open()
    {
        Assert.True(ApplicationStatus.IsOpen(ApplicationStatus.Submitted));
        Assert.True(ApplicationStatus.IsOpen(ApplicationStatus.UnderReview));
        Assert.False(ApplicationStatus.IsOpen(ApplicationStatus.Approved));
        Assert.False(ApplicationStatus.IsOpen(ApplicationStatus.Rejected));
    }

    [Theory]
    [InlineData("active", true)]
    [InlineData("suspended", true)]
    [InlineData("revoked", false)]
    [InlineData("expired", false)]
    [InlineData("superseded", false)]
    public void Only_active_and_suspended_certificates_are_current(string status, bool current)
    {
        Assert.True(CertificateStatus.IsKnown(status));
        Assert.Equal(current, CertificateStatus.IsCurrent(status));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Active")]
    [InlineData("cancelled")]
    public void Unknown_certificate_states_are_not_known(string? status) => Assert.False(CertificateStatus.IsKnown(status));

    private static readonly DateOnly LastValidDay = new(2029, 11, 22);

    [Theory]
    [InlineData("active")]
    [InlineData("suspended")]
    public void A_current_certificate_past_its_last_valid_day_expires(string status)
    {
        Assert.Equal(CertificateStatus.Expired, CertificationWorkflow.ExpireIfDue(status, LastValidDay, LastValidDay.AddDays(1)));
        Assert.Equal(CertificateStatus.Expired, CertificationWorkflow.ExpireIfDue(status, LastValidDay, LastValidDay.AddYears(1)));
    }

    [Theory]
    [InlineData("active")]
    [InlineData("suspended")]
    public void A_current_certificate_is_unchanged_on_and_before_its_last_valid_day(string status)
    {
        Assert.Equal(status, CertificationWorkflow.ExpireIfDue(status, LastValidDay, LastValidDay));
        Assert.Equal(status, CertificationWorkflow.ExpireIfDue(status, LastValidDay, LastValidDay.AddDays(-1)));
    }

    [Theory]
    [InlineData("revoked")]
    [InlineData("expired")]
    [InlineData("superseded")]
    public void An_ended_certificate_never_changes_on_expiry(string status)
    {
        foreach (var offset in new[] { -1, 0, 1, 400 })
            Assert.Equal(status, CertificationWorkflow.ExpireIfDue(status, LastValidDay, LastValidDay.AddDays(offset)));
    }
}
