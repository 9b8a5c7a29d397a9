using System.Reflection;
using Registry.Domain.Catalog;
using Registry.Domain.Demands;
using Registry.Domain.Enterprises;
using Registry.Domain.Events;

namespace Registry.Domain.Tests.Events;

/// <summary>A transition cannot skip documenting its event: docs/events.md names each event's transition from its attribute.</summary>
public sealed class TransitionEventsTests
{
    // The lifecycles whose every transition returns Changed<TEvent>; a lifecycle converted later is added here.
    public static TheoryData<Type> Lifecycles() =>
        [typeof(ContractLifecycle), typeof(CertificationWorkflow), typeof(CatalogLifecycle), typeof(DemandLifecycle), typeof(BidLifecycle)];

    [Theory]
    [MemberData(nameof(Lifecycles))]
    public void Every_event_a_lifecycle_returns_is_documented_as_emitted_by_the_transition_that_returns_it(Type lifecycle)
    {
        Assert.True(Transitions(lifecycle).Count >= 3, $"{lifecycle.Name} has fewer than 3 transitions returning Changed<>");
        Assert.Empty(Problems(lifecycle));
    }

    [Fact]
    public void Opening_a_bid_returns_either_finding_so_both_are_checked() =>
        Assert.Equal([typeof(BidFoundEligible), typeof(BidFoundIneligible)], EventTypes(typeof(IBidOpening)).OrderBy(t => t.Name));

    [Fact]
    public void A_decision_returns_either_delivery_event_so_both_are_checked() =>
        Assert.Equal([typeof(DeliveryAccepted), typeof(DeliveryRejected)], EventTypes(typeof(IDeliveryDecision)).OrderBy(t => t.Name));

    [Fact]
    public void A_transition_returning_an_undocumented_or_misattributed_event_is_reported() =>
        Assert.Equal(["Undocumented, returned by FakeLifecycle.Forget, has no [DomainEvent]",
            "Misattributed is returned by FakeLifecycle.Borrow but says it is emitted by \"OtherLifecycle.Borrow: a → b\""],
            Problems(typeof(FakeLifecycle)));

    private static List<string> Problems(Type lifecycle) =>
        [.. from t in Transitions(lifecycle)
            from type in EventTypes(t.EventType)
            let attribute = type.GetCustomAttribute<DomainEventAttribute>()
            where attribute is null || !attribute.EmittedBy.Contains($"{lifecycle.Name}.{t.Method.Name}", StringComparison.Ordinal)
            orderby t.Method.Name descending
            select attribute is null
                ? $"{type.Name}, returned by {lifecycle.Name}.{t.Method.Name}, has no [DomainEvent]"
                : $"{type.Name} is returned by {lifecycle.Name}.{t.Method.Name} but says it is emitted by \"{attribute.EmittedBy}\""];

    private static List<(MethodInfo Method, Type EventType)> Transitions(Type lifecycle) =>
        [.. lifecycle.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => (Method: m, Changed: Nullable.GetUnderlyingType(m.ReturnType) ?? m.ReturnType))
            .Where(m => m.Changed.IsGenericType && m.Changed.GetGenericTypeDefinition() == typeof(Changed<>))
            .Select(m => (m.Method, m.Changed.GetGenericArguments()[0]))];

    // A transition with several outcomes returns an interface: each event record implementing it is one of its events.
    private static IReadOnlyList<Type> EventTypes(Type returned) =>
        returned.IsInterface || returned.IsAbstract
            ? [.. typeof(IDomainEvent).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && returned.IsAssignableFrom(t))]
            : [returned];

    private static class FakeLifecycle
    {
        public static Changed<Undocumented> Forget() => new("b", new Undocumented());

        public static Changed<Misattributed> Borrow() => new("b", new Misattributed());

        public static string NotATransition() => "b";
    }

    private sealed record Undocumented : IDomainEvent
    {
        EventSubject IDomainEvent.Subject => new("none", "");
    }

    [DomainEvent("test.misattributed", 1, EmittedBy = "OtherLifecycle.Borrow: a → b")]
    private sealed record Misattributed : IDomainEvent
    {
        EventSubject IDomainEvent.Subject => new("none", "");
    }
}
