using System.Reflection;
using System.Text.RegularExpressions;
using Registry.Domain.Events;

namespace Registry.Domain.Tests.Events;

public sealed partial class DomainEventTypesTests
{
    [Fact]
    public void Every_event_has_a_unique_stable_name_of_area_and_fact_and_a_positive_version()
    {
        Assert.True(DomainEventTypes.All.Count >= 40, $"only {DomainEventTypes.All.Count} events found");
        Assert.Equal(DomainEventTypes.All.Count, DomainEventTypes.All.Select(d => d.Name).Distinct().Count());
        Assert.All(DomainEventTypes.All, d =>
        {
            Assert.Matches(NamePattern(), d.Name);
            Assert.True(d.Version >= 1, d.Name);
            Assert.False(string.IsNullOrWhiteSpace(d.EmittedBy), d.Name + " says nothing of what emits it");
        });
    }

    [Fact]
    public void Every_event_is_a_sealed_record_whose_subject_is_not_payload()
    {
        Assert.All(DomainEventTypes.All, d =>
        {
            Assert.True(d.Type.IsSealed, d.Type.Name);
            Assert.NotNull(d.Type.GetMethod("<Clone>$"));
            Assert.DoesNotContain(d.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance), p => p.Name == nameof(IDomainEvent.Subject));
        });
    }

    [Fact]
    public void No_event_carries_a_secret_a_password_or_a_response_view()
    {
        Assert.All(DomainEventTypes.All, d => Assert.All(d.Type.GetProperties(), p =>
        {
            Assert.DoesNotMatch("(?i)secret|password|hash", p.Name);
            Assert.DoesNotMatch("View$|Detail$", p.PropertyType.Name);
        }));
    }

    [Fact]
    public void A_type_without_the_attribute_is_refused_rather_than_written_under_a_guessed_name() =>
        Assert.Throws<InvalidOperationException>(() => DomainEventTypes.Of(new Unnamed()));

    [Fact]
    public void Bids_are_never_public_events_while_demand_results_are()
    {
        Assert.All(DomainEventTypes.All.Where(d => d.Name.StartsWith("bid.", StringComparison.Ordinal)), d => Assert.False(d.Public, d.Name));
        Assert.True(DomainEventTypes.All.Single(d => d.Name == "demand.awarded").Public);
    }

    [Fact]
    public void Invitations_are_never_public_events_because_they_name_potential_bidders() =>
        Assert.False(DomainEventTypes.All.Single(d => d.Name == "demand.invitation_sent").Public);

    private sealed record Unnamed : IDomainEvent
    {
        EventSubject IDomainEvent.Subject => new("none", "");
    }

    [GeneratedRegex("^[a-z_]+\\.[a-z_]+$")]
    private static partial Regex NamePattern();
}
