namespace Registry.Application.Common;

/// <summary>The tokens the OAuth server has issued (its token store), written in the current command's transaction.</summary>
public interface IIssuedTokens
{
    /// <summary>Marks every token issued to the subject (a user's or a client's id) revoked: access and refresh tokens alike.</summary>
    Task RevokeAllOfAsync(string subject, CancellationToken ct);

    /// <summary>
    /// Deletes the entries created before <paramref name="before"/> that can no longer be used (expired, revoked, redeemed or
    /// otherwise invalid), and the authorizations left without a valid token; answers how many rows went.
    /// </summary>
    Task<long> PruneAsync(DateTimeOffset before, CancellationToken ct);
}
