namespace PipeTrak.Web.Infrastructure.Email;

/// <summary>
/// A transactional outbox row: written in the same transaction as the change that caused it, then
/// delivered (and retried) by <see cref="OutboxDispatcher"/>.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxAttempts = 8;

    public Guid Id { get; set; }
    /// <summary>Explicit organization scope for background work (PPL-070 item 7), if any.</summary>
    public Guid? OrganizationId { get; set; }
    public string ToAddress { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LockedUntil { get; set; }
    public DateTime? SentAt { get; set; }
    /// <summary>Set when delivery is given up after <see cref="MaxAttempts"/>.</summary>
    public DateTime? FailedAt { get; set; }
    public string? LastError { get; set; }
}
