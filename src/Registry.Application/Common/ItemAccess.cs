using Registry.Domain.Access;

namespace Registry.Application.Common;

/// <summary>The domain's <see cref="Visibility"/> rule for the current caller, turned into the registry's answers: 404 and 403.</summary>
public static class ItemAccess
{
    public static Viewer AsViewer(this ICaller caller) => new(caller.Role, caller.OrganizationId, caller.RegionCode, caller.IsSystem);

    public static Sight Sight(this ICaller caller, VisibleItem item) => Visibility.Of(item, caller.AsViewer());

    /// <summary>What the caller may do with the item, or <see cref="NotFound"/> when it may not see it and <see cref="Forbidden"/> when it may not do the act.</summary>
    public static Sight Require(this ICaller caller, VisibleItem item, Act act, string entity, object id, string forbidden) =>
        caller.Sight(item) is var sight && sight.Refuses(act) is { } refusal
            ? throw (refusal == Refusal.NotFound ? new NotFound(entity, id) : new Forbidden(forbidden))
            : sight;

    /// <summary>The item as the caller may see it, or <see cref="NotFound"/>.</summary>
    public static Sight RequireSeen(this ICaller caller, VisibleItem item, string entity, object id) =>
        caller.Require(item, Act.See, entity, id, "");
}
