using FluentValidation;
using MediatR;
using Registry.Application.Common;
using Registry.Domain.Access;
using Registry.Domain.Audit;

namespace Registry.Application.Audit;

/// <summary>
/// The outcome of verifying records <see cref="From"/>..<see cref="Through"/> of the audit log, as it stood at the head read at the
/// start (<see cref="Records"/>): <see cref="Intact"/> when that range holds no break. <see cref="Next"/> is where the next call
/// resumes (null once the head is reached or a break is found).
/// </summary>
public sealed record AuditChainReport(
    bool Intact,
    long Records,
    long From,
    long Through,
    long Verified,
    long? Next,
    AuditBreakView? FirstBreak,
    long? AnchorCheckpoint,
    int CheckpointsVerified,
    int CheckpointsUnverifiable,
    string LastHash,
    IReadOnlyList<string> Warnings,
    DateTimeOffset VerifiedAt);

/// <summary>
/// Recomputes the audit chain up to the head read at the start, in one bounded page: by default from the newest checkpoint whose
/// signature verifies (whose stored record must still hash as signed), or from <see cref="From"/> (1 walks the whole log, page by
/// page). Every checkpoint met on the way is checked: its signature, and that its record still has the signed hash.
/// </summary>
[AllowedFor(Roles.Regulator, Roles.Admin)]
public sealed record VerifyAuditChain(long? From = null, int Limit = VerifyAuditChain.DefaultLimit) : IQuery<AuditChainReport>
{
    public const int DefaultLimit = 10_000;
    public const int MaxLimit = 100_000;
}

public sealed class VerifyAuditChainValidator : AbstractValidator<VerifyAuditChain>
{
    public VerifyAuditChainValidator()
    {
        RuleFor(x => x.From).GreaterThanOrEqualTo(1);
        RuleFor(x => x.Limit).InclusiveBetween(1, VerifyAuditChain.MaxLimit);
    }
}

internal sealed class VerifyAuditChainHandler(IReadDb db, AuditChainReads chain, IAuditSigner signer, TimeProvider clock)
    : IRequestHandler<VerifyAuditChain, AuditChainReport>
{
    public async Task<AuditChainReport> Handle(VerifyAuditChain query, CancellationToken ct)
    {
        // Read once: records committed while this runs lie beyond it and are left to the next call, never read as a break.
        var head = await AuditChainReads.HeadAsync(db, ct);
        var anchor = await chain.NewestValidAsync(db, head.AuditSeq, ct);
        var from = query.From ?? anchor?.Seq ?? 1;
        var through = Math.Min(head.AuditSeq, from + query.Limit - 1);
        var walk = from <= through
            ? await chain.WalkAsync(db, from, through, head, ct)
            : new ChainWalk(Math.Min(from - 1, head.AuditSeq), 0, head.AuditHash, null, 0, 0);

        var warnings = new List<string>();
        if (walk.CheckpointsUnverifiable > 0)
        {
            warnings.Add($"{walk.CheckpointsUnverifiable} checkpoint(s) in this range are signed by a key this instance does not hold" +
                (signer.Generated ? " (its key is generated at start, so checkpoints of other runs cannot be checked)" : "") +
                ": they were neither trusted nor refuted.");
        }
        if (anchor is null) warnings.Add("No checkpoint up to the head has a valid signature: the records rest on the hash chain alone.");
        else if (anchor.Seq < head.AuditSeq)
            warnings.Add($"Records after {anchor.Seq}, the newest validly signed checkpoint, rest on the hash chain alone until the next checkpoint.");

        return new AuditChainReport(walk.Break is null, head.AuditSeq, from, walk.Through, walk.Verified,
            walk.Break is null && walk.Through < head.AuditSeq ? walk.Through + 1 : null, AuditBreakView.Of(walk.Break), anchor?.Seq,
            walk.CheckpointsVerified, walk.CheckpointsUnverifiable, walk.LastHash, warnings, clock.GetUtcNow());
    }
}
