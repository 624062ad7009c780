using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Imports;

/// <summary>
/// Provider-specific mechanics of the import commit (docs/adr/005-import-fast-path.md): the
/// per-project lock and the bulk insert. PostgreSQL uses a transaction-scoped advisory lock and
/// binary COPY; other providers use the in-process lock alone and batched inserts.
/// </summary>
public static class ImportBulk
{
    public const int BatchSize = 2000;

    /// <summary>Advisory-lock namespace for imports (first key of the two-key form).</summary>
    private const int LockNamespace = 0x1A9B0001;

    private static bool IsPostgres(AppDbContext db) => db.Database.IsNpgsql();

    /// <summary>IMP-040: one import per project across instances; waits up to <paramref name="wait"/>, released at commit/rollback.</summary>
    public static async Task<bool> TryLockProjectAsync(AppDbContext db, Guid projectId, TimeSpan wait, CancellationToken ct)
    {
        if (!IsPostgres(db))
        {
            return true; // SQLite: single instance; the in-process lock already serializes imports.
        }
        var key = BitConverter.ToInt32(projectId.ToByteArray(), 0);
        var timeout = $"{(int)wait.TotalMilliseconds}ms";
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT set_config('lock_timeout', {timeout}, true)", ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockNamespace}, {key})", ct);
            await db.Database.ExecuteSqlAsync($"SELECT set_config('lock_timeout', '0', true)", ct);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return false;
        }
    }

    /// <summary>IMP-040 step 5: inserts new components inside the current transaction.</summary>
    public static async Task InsertComponentsAsync(AppDbContext db, List<Component> components, CancellationToken ct)
    {
        if (components.Count == 0)
        {
            return;
        }
        if (IsPostgres(db))
        {
            await CopyAsync(db, components, ct);
            return;
        }
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var batch in components.Chunk(BatchSize))
            {
                db.Components.AddRange(batch);
                await db.SaveChangesAsync(ct);
                foreach (var component in batch)
                {
                    db.Entry(component).State = EntityState.Detached;
                }
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>Binary COPY straight into components: rows were already checked against the unique identity (under the project lock), and the unique index still guards.</summary>
    private static async Task CopyAsync(AppDbContext db, List<Component> components, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY components (\"Id\", \"OrganizationId\", \"ProjectId\", \"Type\", \"IdentityKey\", \"DrawingId\", \"AreaId\", \"SystemId\", \"PackageId\", " +
            "\"Attributes\", \"Percent\", \"BudgetedManhours\", \"ManhourWeight\", \"PostHydro\", \"CreatedAt\", \"Version\") FROM STDIN (FORMAT BINARY)", ct);
        foreach (var c in components)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(c.OrganizationId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(c.ProjectId, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(c.Type.Code(), NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(c.IdentityKey, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(copy, c.DrawingId, ct);
            await WriteNullableAsync(copy, c.AreaId, ct);
            await WriteNullableAsync(copy, c.SystemId, ct);
            await WriteNullableAsync(copy, c.PackageId, ct);
            await copy.WriteAsync(c.Attributes, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(c.Percent, NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(c.BudgetedManhours, NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(c.ManhourWeight, NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(c.PostHydro, NpgsqlDbType.Boolean, ct);
            await copy.WriteAsync(c.CreatedAt, NpgsqlDbType.TimestampTz, ct);
            await copy.WriteAsync(c.Version, NpgsqlDbType.Uuid, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, Guid? value, CancellationToken ct)
    {
        if (value is { } id)
        {
            await copy.WriteAsync(id, NpgsqlDbType.Uuid, ct);
        }
        else
        {
            await copy.WriteNullAsync(ct);
        }
    }
}
