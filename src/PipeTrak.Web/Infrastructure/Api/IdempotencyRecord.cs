namespace PipeTrak.Web.Infrastructure.Api;

/// <summary>
/// The first response to a write sent with an <c>Idempotency-Key</c>, replayed for retries.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Key { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public byte[]? ResponseBody { get; set; }
    public string? Location { get; set; }
    /// <summary>
    /// The response carried a secret shown once (<c>Cache-Control: no-store</c>): only its status is
    /// kept, and a retry is told the request already completed instead of seeing the secret again.
    /// </summary>
    public bool BodyWithheld { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}
