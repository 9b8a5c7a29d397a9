namespace Registry.Application.Common;

/// <summary>A password or secret: left out of the request hash kept in the audit log and the idempotency store.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class RedactedAttribute : Attribute;
