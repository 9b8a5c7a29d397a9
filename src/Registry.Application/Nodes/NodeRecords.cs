using System.Security.Cryptography;
using System.Text.Json;
using Registry.Application.Common;

namespace Registry.Application.Nodes;

/// <summary>
/// The map from a node's own ids to the platform's records (<c>node_records</c>): what the node last sent (a fingerprint) and
/// the record's version after that write, so a re-sent item is recognised as unchanged and a record changed on the platform
/// since is recognised as a conflict.
/// </summary>
internal static class NodeRecords
{
    public const string Enterprise = "enterprise", CatalogEntry = "catalogEntry";

    public sealed record Row
    {
        public Guid EntityId { get; init; }
        public string Fingerprint { get; init; } = "";
        public long EntityVersion { get; init; }
    }

    public sealed record Holder
    {
        public Guid NodeId { get; init; }
        public string ExternalId { get; init; } = "";
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>SHA-256 of the item as JSON: equal for an item sent again unchanged.</summary>
    public static string Fingerprint<T>(T item) => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(item, Json)));

    public static Task<Row?> FindAsync(IWriteDb db, Guid nodeId, string kind, string externalId, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<Row>(FindSql, new { nodeId, kind, externalId }, ct);

    /// <summary>The node and external id a record was pushed under, if any node pushed it.</summary>
    public static Task<Holder?> HolderAsync(IWriteDb db, string kind, Guid entityId, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<Holder>(HolderSql, new { kind, entityId }, ct);

    public static Task SaveAsync(IWriteDb db, Guid nodeId, string kind, string externalId, Guid entityId, string fingerprint, long entityVersion,
        DateTimeOffset now, bool created, CancellationToken ct) =>
        db.ExecuteAsync(created ? InsertSql : UpdateSql, new { nodeId, kind, externalId, entityId, fingerprint, entityVersion, now }, ct);

    /// <summary>Why a record the node has not pushed (under this id) is not overwritten.</summary>
    public static async Task<string> ConflictAsync(IWriteDb db, Guid nodeId, string kind, Guid entityId, string what, CancellationToken ct) =>
        await HolderAsync(db, kind, entityId, ct) switch
        {
            { } h when h.NodeId == nodeId => $"{what} was pushed by this node under externalId '{h.ExternalId}'; it is not taken over by another id.",
            not null => $"{what} is kept by another regional node; it is not overwritten.",
            null => $"{what} was registered on the platform directly; a node does not overwrite it. Ask the operator to link or correct it.",
        };

    private static readonly Sql FindSql = new("""
        select entity_id, fingerprint, entity_version from node_records where node_id = @nodeId and kind = @kind and external_id = @externalId
        """);

    private static readonly Sql HolderSql = new("select node_id, external_id from node_records where kind = @kind and entity_id = @entityId");

    private static readonly Sql InsertSql = new("""
        insert into node_records (node_id, kind, external_id, entity_id, fingerprint, entity_version, created_at, updated_at)
        values (@nodeId, @kind, @externalId, @entityId, @fingerprint, @entityVersion, @now, @now)
        """);

    private static readonly Sql UpdateSql = new("""
        update node_records set fingerprint = @fingerprint, entity_version = @entityVersion, updated_at = @now
        where node_id = @nodeId and kind = @kind and external_id = @externalId
        """);
}
