using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Infrastructure.Email;

/// <summary>
/// Delivers outbox messages: at once when asked (<see cref="TrySendNowAsync"/>) and on a timer for
/// retries with backoff. A message is claimed with a conditional update, so several instances
/// never send the same message twice at the same time.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEmailSender sender,
    TimeProvider clock,
    IOptions<EmailOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(2);

    /// <summary>The poller leaves a new message alone this long: the immediate try is its owner.</summary>
    private static readonly TimeSpan ImmediateTryWindow = TimeSpan.FromSeconds(30);

    /// <summary>Tries one message now; true when it was delivered.</summary>
    public async Task<bool> TrySendNowAsync(Guid messageId, CancellationToken ct)
    {
        if (!sender.CanSend)
        {
            return false;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await DeliverAsync(db, messageId, ct))
        {
            return true;
        }
        // Someone else (another instance's poller) may hold the claim: report what happened to it.
        return await db.OutboxMessages.AsNoTracking().AnyAsync(m => m.Id == messageId && m.SentAt != null, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!sender.CanSend)
        {
            LogMailboxMode(logger);
            return;
        }
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        do
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPollFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task DeliverDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var untriedBefore = now - ImmediateTryWindow;
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .Where(m => m.Attempts > 0 || m.CreatedAt < untriedBefore)
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(50)
            .ToListAsync(ct);
        foreach (var id in due)
        {
            await DeliverAsync(db, id, ct);
        }
    }

    private async Task<bool> DeliverAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lockUntil = now.Add(ClaimFor);
        var claimed = await db.OutboxMessages
            .Where(m => m.Id == id && m.SentAt == null && m.FailedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.LockedUntil, lockUntil), ct);
        if (claimed == 0)
        {
            return false;
        }
        var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, ct);
        try
        {
            await sender.SendAsync(message, ct);
            var sentAt = clock.GetUtcNow().UtcDateTime;
            await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(u => u
                .SetProperty(m => m.SentAt, sentAt)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.LockedUntil, (DateTime?)null), ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var attempts = message.Attempts + 1;
            var failed = attempts >= OutboxMessage.MaxAttempts;
            var next = now.AddSeconds(Math.Min(3600, 15 * Math.Pow(2, attempts)));
            var error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            await db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.FailedAt, failed ? now : null)
                .SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
            LogSendFailed(logger, id, attempts, ex.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No SMTP server configured: emails stay in the outbox (development mailbox at /dev/mailbox).")]
    private static partial void LogMailboxMode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox poll failed")]
    private static partial void LogPollFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {MessageId} failed (attempt {Attempt}): {ErrorType}")]
    private static partial void LogSendFailed(ILogger logger, Guid messageId, int attempt, string errorType);
}
