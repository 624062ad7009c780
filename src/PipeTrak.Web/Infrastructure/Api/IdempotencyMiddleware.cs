using System.Buffers;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Security;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Infrastructure.Api;

/// <summary>
/// API writes with an <c>Idempotency-Key</c> header: the first response is stored per user and key;
/// a retry with the same request replays it and writes nothing again. The same key with a
/// different request is refused (422); a retry while the first is still running gets 409.
/// A failed first attempt (5xx) is forgotten, so the client's retry runs it afresh.
/// </summary>
/// <remarks>
/// The records are written through the request's own <see cref="AppDbContext"/> (issue 3: no second scope
/// and context per write). The claimed record is detached at once, so the endpoint's change tracker never
/// holds it, and the completion is a set-based update that tracks nothing.
/// </remarks>
public sealed class IdempotencyMiddleware(RequestDelegate next, TimeProvider clock)
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 200;
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var key = context.Request.Headers[HeaderName].ToString();
        var userId = context.User.UserId();
        if (string.IsNullOrEmpty(key) || userId is null || !(HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method)))
        {
            await next(context);
            return;
        }
        var ct = context.RequestAborted;
        if (key.Length > MaxKeyLength)
        {
            await ErrorResponses.WriteAsync(context, 400, "Invalid Idempotency-Key", $"The {HeaderName} header must be at most {MaxKeyLength} characters.", ct);
            return;
        }
        var requestHash = await HashRequestAsync(context.Request, ct);

        var db = context.RequestServices.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var record = new IdempotencyRecord { Id = Guid.CreateVersion7(), UserId = userId.Value, Key = key, RequestHash = requestHash, CreatedAt = now };
        if (!await TryClaimAsync(db, record, ct))
        {
            var existing = await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.UserId == userId && r.Key == key, ct);
            if (existing.RequestHash != requestHash)
            {
                // TRK-045: exact message; a new request needs a new key.
                await ErrorResponses.WriteAsync(context, 422, "Idempotency key reused with different content", "Idempotency key reused with different content", ct);
                return;
            }
            if (existing.CompletedAt is not null)
            {
                await ReplayAsync(context, existing, ct);
                return;
            }
            if (now - existing.CreatedAt < StaleAfter)
            {
                await ErrorResponses.WriteAsync(context, 409, "Request in progress", "A request with this Idempotency-Key is still being processed. Retry in a few seconds.", ct);
                return;
            }
            // The first attempt died without an answer: run it again under this key.
            await db.IdempotencyRecords.Where(r => r.Id == existing.Id).ExecuteDeleteAsync(ct);
            if (!await TryClaimAsync(db, record, ct))
            {
                await ErrorResponses.WriteAsync(context, 409, "Request in progress", "A request with this Idempotency-Key is still being processed. Retry in a few seconds.", ct);
                return;
            }
        }

        var originalBody = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            await db.IdempotencyRecords.Where(r => r.Id == record.Id).ExecuteDeleteAsync(CancellationToken.None);
            context.Response.Body = originalBody;
            throw;
        }
        context.Response.Body = originalBody;
        var status = context.Response.StatusCode;
        if (status >= 500)
        {
            await db.IdempotencyRecords.Where(r => r.Id == record.Id).ExecuteDeleteAsync(CancellationToken.None);
        }
        else
        {
            // A response marked no-store holds a secret shown once (a new API token, an invitation
            // link): it is never written to the database; a retry learns the request completed.
            var withheld = context.Response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase);
            var body = withheld ? null : buffer.ToArray();
            var contentType = withheld ? null : context.Response.ContentType;
            var location = context.Response.Headers.Location.ToString();
            var completedAt = clock.GetUtcNow().UtcDateTime;
            await db.IdempotencyRecords.Where(r => r.Id == record.Id).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.StatusCode, status)
                .SetProperty(r => r.ContentType, contentType)
                .SetProperty(r => r.ResponseBody, body)
                .SetProperty(r => r.BodyWithheld, withheld)
                .SetProperty(r => r.Location, string.IsNullOrEmpty(location) ? null : location)
                .SetProperty(r => r.CompletedAt, completedAt), CancellationToken.None);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(originalBody, ct);
    }

    private static async Task<bool> TryClaimAsync(AppDbContext db, IdempotencyRecord record, CancellationToken ct)
    {
        var entry = db.IdempotencyRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
        finally
        {
            entry.State = EntityState.Detached;
        }
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord record, CancellationToken ct)
    {
        if (record.BodyWithheld)
        {
            context.Response.Headers["Idempotency-Replayed"] = "true";
            await ErrorResponses.WriteAsync(context, 409, "Already completed",
                "This request already completed. Its response held a secret that is shown only once, so it is not repeated; list the resource to see its current state.", ct);
            return;
        }
        context.Response.StatusCode = record.StatusCode ?? 200;
        context.Response.Headers["Idempotency-Replayed"] = "true";
        if (record.ContentType is not null)
        {
            context.Response.ContentType = record.ContentType;
        }
        if (record.Location is not null)
        {
            context.Response.Headers.Location = record.Location;
        }
        if (record.ResponseBody is { Length: > 0 } body)
        {
            await context.Response.Body.WriteAsync(body, ct);
        }
    }

    private static async Task<string> HashRequestAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                sha.AppendData(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}

