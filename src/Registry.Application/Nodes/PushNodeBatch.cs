using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Registry.Application.Catalog;
using Registry.Application.Common;
using Registry.Application.Enterprises;
using Registry.Application.Organizations;
using Registry.Domain;
using Registry.Domain.Access;
using Registry.Domain.Enterprises;
using Registry.Domain.Organizations;

namespace Registry.Application.Nodes;

/// <summary>
/// A regional node (一张网) pushes the enterprises and catalog entries of its region, keyed by its own ids
/// (docs/one-network.md). Each item is created, updated, left unchanged (sent again as before), refused as a conflict (a record
/// registered on the platform directly, or changed there since the node's last write, is never overwritten) or refused with
/// field messages (including every region outside the node's own); nothing of an item that is not kept is stored. The batch
/// commits in one transaction with one audit record concerning the node, so re-sending it changes nothing.
/// </summary>
[AllowedFor(Roles.Node)]
public sealed record PushNodeBatch(IReadOnlyList<NodeEnterprise>? Enterprises, IReadOnlyList<NodeCatalogEntry>? CatalogEntries)
    : ICommand<NodeBatchReport>
{
    public const int MaxItems = 100;

    internal int ItemCount => (Enterprises?.Count ?? 0) + (CatalogEntries?.Count ?? 0);
}

public sealed class PushNodeBatchValidator : AbstractValidator<PushNodeBatch>
{
    public PushNodeBatchValidator()
    {
        RuleFor(x => x.ItemCount).InclusiveBetween(1, PushNodeBatch.MaxItems)
            .OverridePropertyName("items").WithMessage(_ => Texts.Format("validation.batch_size", PushNodeBatch.MaxItems));
        RuleForEach(x => x.Enterprises).ChildRules(i => i.RuleFor(e => e.ExternalId).ExternalId()).When(x => x.Enterprises is not null);
        RuleForEach(x => x.CatalogEntries).ChildRules(i => i.RuleFor(e => e.ExternalId).ExternalId()).When(x => x.CatalogEntries is not null);
        RuleFor(x => x.Enterprises).Must(Distinct).WithMessage(_ => Texts.Get("validation.external_id_twice_enterprises"));
        RuleFor(x => x.CatalogEntries).Must(Distinct).WithMessage(_ => Texts.Get("validation.external_id_twice_catalog"));
    }

    private static bool Distinct<T>(IReadOnlyList<T>? items) where T : class =>
        items is null || items.Select(i => i switch { NodeEnterprise e => e.ExternalId, NodeCatalogEntry c => c.ExternalId, _ => "" })
            .Distinct(StringComparer.Ordinal).Count() == items.Count;
}

internal static class ExternalIdRules
{
    public static IRuleBuilderOptions<T, string> ExternalId<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(100).Matches(@"^[\x21-\x7E]+\z").WithMessage(_ => Texts.Get("validation.external_id"));
}

internal sealed class PushNodeBatchHandler(IWriteDb db, IOutbox outbox, ICaller caller, CatalogWrites catalog, EnterpriseProjection directory,
    IValidator<NodeEnterprise> enterpriseRules, IValidator<NodeCatalogEntry> entryRules, TimeProvider clock)
    : IRequestHandler<PushNodeBatch, NodeBatchReport>
{
    public async Task<NodeBatchReport> Handle(PushNodeBatch c, CancellationToken ct)
    {
        var nodeId = caller.RequireOrganization();
        outbox.Concerning("organization", nodeId.ToString());
        var region = await db.QuerySingleOrDefaultAsync<string>(NodeRegionSql, new { nodeId, active = true }, ct)
            ?? throw new Forbidden("Only a regional node's own organization pushes batches.");
        var results = new List<NodeItemResult>();
        foreach (var item in c.Enterprises ?? [])
            results.Add(await KeepAsync(NodeRecords.Enterprise, item.ExternalId, journal => EnterpriseAsync(nodeId, region, item, journal, ct), ct));
        foreach (var item in c.CatalogEntries ?? [])
            results.Add(await KeepAsync(NodeRecords.CatalogEntry, item.ExternalId, journal => EntryAsync(nodeId, region, item, journal, ct), ct));
        return NodeBatchReport.Of(results);
    }

    /// <summary>One item in a savepoint of its own: an item refused halfway stores nothing and publishes no event.</summary>
    private async Task<NodeItemResult> KeepAsync(string kind, string externalId, Func<IOutbox, Task<NodeItemResult>> work, CancellationToken ct)
    {
        var journal = new CommandJournal();
        try
        {
            var result = await db.SavepointAsync(() => work(journal), ct);
            foreach (var e in journal.Events) outbox.Publish(e.Payload);
            return result;
        }
        catch (ValidationFailed e)
        {
            return new NodeItemResult { Kind = kind, ExternalId = externalId, Outcome = NodeItemResult.Error, Errors = e.Errors };
        }
        catch (Exception e) when (e is BusinessRuleException or InvalidTransitionException)
        {
            return new NodeItemResult { Kind = kind, ExternalId = externalId, Outcome = NodeItemResult.Error, Message = e.Message };
        }
    }

    private async Task<NodeItemResult> EnterpriseAsync(Guid nodeId, string region, NodeEnterprise item, IOutbox events, CancellationToken ct)
    {
        Refuse(await enterpriseRules.ValidateAsync(item, ct));
        EnsureWithin(region, item.RegionCode, "regionCode");
        var result = new NodeItemResult { Kind = NodeRecords.Enterprise, ExternalId = item.ExternalId, Outcome = NodeItemResult.Unchanged };
        var fingerprint = NodeRecords.Fingerprint(item);
        var now = clock.GetUtcNow();
        var record = await NodeRecords.FindAsync(db, nodeId, NodeRecords.Enterprise, item.ExternalId, ct);
        if (record is null)
        {
            if (await db.QuerySingleOrDefaultAsync<Guid?>(OrganizationByCodeSql, new { item.CreditCode }, ct) is { } existing)
                return result with { Outcome = NodeItemResult.Conflict, Id = existing, Message = await NodeRecords.ConflictAsync(db, nodeId,
                    NodeRecords.Enterprise, existing, $"The organization with credit code {item.CreditCode}", ct) };
            var id = Guid.CreateVersion7();
            await db.ExecuteAsync(OrganizationWrites.InsertSql, new
            {
                id, nameZh = item.LegalName, item.NameEn, kind = Roles.Enterprise, item.RegionCode, item.CreditCode, contactEmail = item.Contact.Email,
                active = true, now,
            }, ct);
            await EnterpriseProfileWrites.EnsureReferencesAsync(db, id, item, ct);
            await db.ExecuteAsync(EnterpriseProfileWrites.InsertSql, EnterpriseProfileWrites.Row(id, item, now), ct);
            await EnterpriseProfileWrites.WriteChildrenAsync(db, id, item, ct);
            await directory.RefreshAsync(id, ct);
            events.Publish(new OrganizationCreated(id, Roles.Enterprise, new OrganizationIdentity(item.LegalName, item.CreditCode, item.RegionCode)));
            events.Publish(new EnterpriseRegistered(id, item.LegalName, item.CreditCode, item.RegionCode, item.BaseId, item.Domains, item.Talent));
            await NodeRecords.SaveAsync(db, nodeId, NodeRecords.Enterprise, item.ExternalId, id, fingerprint, 1, now, created: true, ct);
            return result with { Outcome = NodeItemResult.Created, Id = id };
        }
        result = result with { Id = record.EntityId };
        if (record.Fingerprint == fingerprint) return result;
        var version = await db.ScalarAsync<long>(ProfileVersionSql, new { id = record.EntityId }, ct);
        if (version != record.EntityVersion)
            return result with { Outcome = NodeItemResult.Conflict, Message = Changed("enterprise profile", version, record.EntityVersion) };
        await EnterpriseProfileWrites.EnsureReferencesAsync(db, record.EntityId, item, ct);
        await db.ExecuteAsync(EnterpriseProfileWrites.UpdateSql, EnterpriseProfileWrites.Row(record.EntityId, item, now), ct);
        await EnterpriseProfileWrites.WriteChildrenAsync(db, record.EntityId, item, ct);
        await directory.RefreshAsync(record.EntityId, ct);
        events.Publish(new EnterpriseProfileUpdated(record.EntityId, item.LegalName, item.BaseId, item.Domains, item.Talent));
        await NodeRecords.SaveAsync(db, nodeId, NodeRecords.Enterprise, item.ExternalId, record.EntityId, fingerprint, version + 1, now, created: false, ct);
        return result with { Outcome = NodeItemResult.Updated };
    }

    private async Task<NodeItemResult> EntryAsync(Guid nodeId, string region, NodeCatalogEntry item, IOutbox events, CancellationToken ct)
    {
        Refuse(await entryRules.ValidateAsync(item, ct));
        var agency = await db.QuerySingleOrDefaultAsync<AgencyRow>(AgencyByCodeSql, new { code = item.AgencyCreditCode, kind = Roles.Agency, active = true }, ct)
            ?? throw ValidationFailed.For("agencyCreditCode", $"No active government agency with credit code {item.AgencyCreditCode} is registered on the platform.");
        EnsureWithin(region, agency.RegionCode, "agencyCreditCode");
        EnsureWithin(region, item.RegionCode, "regionCode");
        var writes = catalog.OnBehalfOf(agency.Id);
        var result = new NodeItemResult { Kind = NodeRecords.CatalogEntry, ExternalId = item.ExternalId, Outcome = NodeItemResult.Unchanged };
        var fingerprint = NodeRecords.Fingerprint(item);
        var now = clock.GetUtcNow();
        var record = await NodeRecords.FindAsync(db, nodeId, NodeRecords.CatalogEntry, item.ExternalId, ct);
        if (record is null)
        {
            if (await db.QuerySingleOrDefaultAsync<Guid?>(EntryByCodeSql, new { agencyId = agency.Id, item.Code }, ct) is { } existing)
                return result with { Outcome = NodeItemResult.Conflict, Id = existing, Message = await NodeRecords.ConflictAsync(db, nodeId,
                    NodeRecords.CatalogEntry, existing, $"The agency's catalog entry '{item.Code}'", ct) };
            var created = await writes.CreateAsync(item.ToCreate(), events, ct);
            if (item.Publish) await writes.PublishAsync(new PublishCatalogEntry(created.Id), events, ct);
            await NodeRecords.SaveAsync(db, nodeId, NodeRecords.CatalogEntry, item.ExternalId, created.Id, fingerprint, await EntryVersionAsync(created.Id, ct),
                now, created: true, ct);
            return result with { Outcome = NodeItemResult.Created, Id = created.Id };
        }
        result = result with { Id = record.EntityId };
        var entry = (await db.QuerySingleOrDefaultAsync<CatalogReads.EntryRow>(CatalogReads.EntrySql, new { id = record.EntityId }, ct))!;
        if (entry.AgencyId != agency.Id)
            throw ValidationFailed.For("agencyCreditCode", "This entry was pushed for another agency; an entry's agency does not change.");
        if (entry.Code != item.Code) throw ValidationFailed.For("code", $"This entry's code is '{entry.Code}'; an entry's code does not change.");
        if (record.Fingerprint == fingerprint) return result;
        if (entry.RowVersion != record.EntityVersion)
            return result with { Outcome = NodeItemResult.Conflict, Message = Changed("catalog entry", entry.RowVersion, record.EntityVersion) };
        if (entry.DraftVersion is null)
        {
            await writes.CreateVersionAsync(new CreateCatalogEntryVersion(entry.Id), events, ct);
            entry = (await db.QuerySingleOrDefaultAsync<CatalogReads.EntryRow>(CatalogReads.EntrySql, new { id = entry.Id }, ct))!;
        }
        await writes.UpdateAsync(new UpdateCatalogEntry(entry.Id, entry.RowVersion, item.Title, item.Description, item.Domain, item.Modalities, item.TaskTypes,
            item.Volume, item.VolumeUnit, item.SecurityLevel, item.Openness, item.OpennessConditions, item.RegionCode, item.SourceSystem, item.UpdateFrequency,
            item.Contact), events, ct);
        if (item.Publish) await writes.PublishAsync(new PublishCatalogEntry(entry.Id), events, ct);
        await NodeRecords.SaveAsync(db, nodeId, NodeRecords.CatalogEntry, item.ExternalId, entry.Id, fingerprint, await EntryVersionAsync(entry.Id, ct),
            now, created: false, ct);
        return result with { Outcome = NodeItemResult.Updated };
    }

    private Task<long> EntryVersionAsync(Guid id, CancellationToken ct) => db.ScalarAsync<long>(EntryVersionSql, new { id }, ct);

    private static string Changed(string what, long version, long written) =>
        $"The {what} was changed on the platform since this node last wrote it (version {version}, the node wrote version {written}); "
        + "the node's change is not applied. Reconcile with the operator.";

    private static void Refuse(ValidationResult validation)
    {
        if (!validation.IsValid)
            throw new ValidationFailed(validation.Errors.GroupBy(e => Camel(e.PropertyName)).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()));
    }

    private static string Camel(string name) => string.Join('.', name.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));

    private static void EnsureWithin(string nodeRegion, string regionCode, string field)
    {
        if (!Jurisdiction.Covers(nodeRegion, regionCode))
            throw ValidationFailed.For(field, $"Region {regionCode} lies outside the node's region ({nodeRegion} and the regions below it): a node writes only within its region.");
    }

    private sealed record AgencyRow
    {
        public Guid Id { get; init; }
        public string RegionCode { get; init; } = "";
    }

    private static readonly Sql NodeRegionSql = new("select region_code from organizations where id = @nodeId and kind = 'node' and active = @active");
    private static readonly Sql OrganizationByCodeSql = new("select id from organizations where credit_code = @creditCode");
    private static readonly Sql AgencyByCodeSql = new("select id, region_code from organizations where credit_code = @code and kind = @kind and active = @active");
    private static readonly Sql EntryByCodeSql = new("select id from catalog_entries where agency_id = @agencyId and code = @code");
    private static readonly Sql ProfileVersionSql = new("select row_version from enterprise_profiles where organization_id = @id");
    private static readonly Sql EntryVersionSql = new("select row_version from catalog_entries where id = @id");
}
