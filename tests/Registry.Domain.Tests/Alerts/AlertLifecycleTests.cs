using Registry.Domain.Alerts;

namespace Registry.Domain.Tests.Alerts;

public sealed class AlertLifecycleTests
{
    private static AlertState In(string status) => new(Guid.NewGuid(), AlertTypes.BidRotation, "510100", status);

    [Fact]
    public void An_open_alert_is_acknowledged_with_an_optional_note_and_the_event_reports_it()
    {
        var alert = In(AlertStatus.Open);

        var acknowledged = AlertLifecycle.Acknowledge(alert, "  已安排核查  ");

        Assert.Equal(AlertStatus.Acknowledged, acknowledged.Status);
        Assert.Equal(new AlertAcknowledged(alert.AlertId, alert.Type, "510100", "已安排核查"), acknowledged.Event);
        Assert.Null(AlertLifecycle.Acknowledge(alert, " ").Event.Note);
    }

    [Theory]
    [InlineData(AlertStatus.Open)]
    [InlineData(AlertStatus.Acknowledged)]
    public void An_open_or_acknowledged_alert_is_resolved_with_a_note(string status)
    {
        var resolved = AlertLifecycle.Resolve(In(status), "已约谈企业并责令整改");

        Assert.Equal(AlertStatus.Resolved, resolved.Status);
        Assert.Equal("已约谈企业并责令整改", resolved.Event.Note);
    }

    [Theory]
    [InlineData(AlertStatus.Open)]
    [InlineData(AlertStatus.Acknowledged)]
    public void An_open_or_acknowledged_alert_is_dismissed_with_a_reason(string status)
    {
        var dismissed = AlertLifecycle.Dismiss(In(status), "经核实为正常竞争");

        Assert.Equal(AlertStatus.Dismissed, dismissed.Status);
        Assert.Equal("经核实为正常竞争", dismissed.Event.Reason);
    }

    [Fact]
    public void Resolving_without_a_note_or_dismissing_without_a_reason_is_refused()
    {
        Assert.Equal("note_required", Assert.Throws<BusinessRuleException>(() => AlertLifecycle.Resolve(In(AlertStatus.Open), "  ")).Code);
        Assert.Equal("reason_required", Assert.Throws<BusinessRuleException>(() => AlertLifecycle.Dismiss(In(AlertStatus.Open), "")).Code);
    }

    [Theory]
    [InlineData(AlertStatus.Acknowledged)]
    [InlineData(AlertStatus.Resolved)]
    [InlineData(AlertStatus.Dismissed)]
    public void Only_an_open_alert_can_be_acknowledged(string status)
    {
        var refused = Assert.Throws<InvalidTransitionException>(() => AlertLifecycle.Acknowledge(In(status), null));
        Assert.Equal(status, refused.Current);
    }

    [Theory]
    [InlineData(AlertStatus.Resolved)]
    [InlineData(AlertStatus.Dismissed)]
    public void A_resolved_or_dismissed_alert_is_final(string status)
    {
        Assert.Throws<InvalidTransitionException>(() => AlertLifecycle.Resolve(In(status), "再次处理"));
        Assert.Throws<InvalidTransitionException>(() => AlertLifecycle.Dismiss(In(status), "再次忽略"));
    }
}
