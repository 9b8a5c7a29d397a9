using System.Text.Json;
using MediatR;
using Registry.Domain;

namespace Registry.Application.Common.Behaviors;

/// <summary>
/// Answers a command retried with the same <c>Idempotency-Key</c> from its first result and changes nothing.
/// Runs inside the command's transaction, after the ledger lock, so a concurrent retry waits for the first
/// attempt and then sees its record.
/// </summary>
public sealed class IdempotencyBehavior<TRequest, TResponse>(IWriteDb db, CommandJournal journal, ICaller caller, TimeProvider clock)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand || string.IsNullOrEmpty(caller.IdempotencyKey)) return await next();

        var key = new { key = caller.IdempotencyKey, caller = caller.Subject };
        var requestHash = Ledger.RequestHash(request);
        var stored = await db.QuerySingleOrDefaultAsync<StoredResponse>(FindSql, key, cancellationToken);
        if (stored is not null)
        {
            if (stored.RequestHash != requestHash)
            {
                throw new BusinessRuleException("idempotency_key_reused",
                    "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
            }
            journal.Replayed = true;
            return JsonSerializer.Deserialize<TResponse>(stored.Response, Ledger.Json)!;
        }

        var response = await next();
        await db.ExecuteAsync(InsertSql, new
        {
            key.key,
            key.caller,
            requestHash,
            requestType = typeof(TRequest).Name,
            response = JsonSerializer.Serialize(response, Ledger.Redacting),
            createdAt = clock.GetUtcNow(),
        }, cancellationToken);
        return response;
    }

    private sealed record StoredResponse(string RequestHash, string Response);

    private static readonly Sql FindSql = new("""
        select request_hash, response from idempotency_keys where idempotency_key = @key and caller = @caller
        """);

    private static readonly Sql InsertSql = new("""
        insert into idempotency_keys (idempotency_key, caller, request_hash, request_type, response, created_at)
        values (@key, @caller, @requestHash, @requestType, @response, @createdAt)
        """);
}
