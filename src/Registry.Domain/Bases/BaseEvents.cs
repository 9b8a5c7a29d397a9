using Registry.Domain.Events;

namespace Registry.Domain.Bases;

// The events of a national data labeling base (国家数据标注基地); the list of bases is public.

[DomainEvent("base.created", 1, Public = true, EmittedBy = "CreateBase: the operator adds a base")]
public sealed record BaseCreated(Guid BaseId, string Code, string NameZh, string Level, string RegionCode) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("base", BaseId);
}

[DomainEvent("base.updated", 1, Public = true, EmittedBy = "UpdateBase: the operator corrects a base")]
public sealed record BaseUpdated(Guid BaseId, string Code, string NameZh, string Level, string RegionCode) : IDomainEvent
{
    EventSubject IDomainEvent.Subject => new("base", BaseId);
}
