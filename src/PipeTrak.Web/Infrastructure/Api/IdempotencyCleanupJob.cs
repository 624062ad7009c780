using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Infrastructure.Api;

/// <summary>Deletes idempotency records older than <see cref="Retention"/>, once an hour.</summary>
public sealed partial class IdempotencyCleanupJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotencyCleanupJob> logger) : BackgroundService
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await CleanAsync(stoppingToken);
                LogCleaned(logger, deleted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    public async Task<int> CleanAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var cutoff = clock.GetUtcNow().UtcDateTime - Retention;
        return await db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} expired idempotency records")]
    private static partial void LogCleaned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Idempotency cleanup failed")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
