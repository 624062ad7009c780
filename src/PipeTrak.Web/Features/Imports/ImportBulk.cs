using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

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

    /// <summary>
    /// IMP-040 steps 1-2: inserts new rows of a small tenant-owned table (areas, systems, packages,
    /// drawings) inside the current transaction. PostgreSQL: binary COPY with the columns, types and
    /// value converters of the EF model (so it writes what SaveChanges would); other providers: SaveChanges.
    /// </summary>
    public static async Task InsertAsync<T>(AppDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct)
        where T : class, ITenantOwned
    {
        if (rows.Count == 0)
        {
            return;
        }
        if (!IsPostgres(db))
        {
            db.Set<T>().AddRange(rows);
            await db.SaveChangesAsync(ct);
            return;
        }
        foreach (var row in rows)
        {
            GuardTenant(db, row);
        }
        // Columns, types and value conversions from the EF model: what SaveChanges would write.
        await new BulkWriter(db).InsertAsync([.. rows], ct);
    }

    /// <summary>
    /// IMP-040 step 5: inserts new components inside the current transaction, streaming: each component
    /// is built as it is written, so building overlaps the database work. Returns how many were inserted.
    /// </summary>
    public static async Task<int> InsertComponentsAsync(AppDbContext db, IEnumerable<Component> components, CancellationToken ct)
    {
        if (IsPostgres(db))
        {
            return await CopyAsync(db, components, ct);
        }
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var count = 0;
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
                count += batch.Length;
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
        return count;
    }

    /// <summary>Binary COPY straight into components: rows were already checked against the unique identity (under the project lock), and the unique index still guards.</summary>
    private static async Task<int> CopyAsync(AppDbContext db, IEnumerable<Component> components, CancellationToken ct)
    {
        using var rows = components.GetEnumerator();
        if (!rows.MoveNext())
        {
            return 0;
        }
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY components (\"Id\", \"OrganizationId\", \"ProjectId\", \"Type\", \"IdentityKey\", \"DrawingId\", \"AreaId\", \"SystemId\", \"PackageId\", " +
            "\"Attributes\", \"Percent\", \"BudgetedManhours\", \"ManhourWeight\", \"PostHydro\", \"CreatedAt\", \"Version\") FROM STDIN (FORMAT BINARY)", ct);
        var count = 0;
        do
        {
            var c = rows.Current;
            GuardTenant(db, c);
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
            count++;
        }
        while (rows.MoveNext());
        await copy.CompleteAsync(ct);
        return count;
    }

    /// <summary>COPY bypasses SaveChanges, so the tenant check of <c>TenantStampInterceptor</c> is made here: no row outside the current organization.</summary>
    private static void GuardTenant(AppDbContext db, ITenantOwned row)
    {
        if (db.CurrentOrganizationId is not { } current || row.OrganizationId != current)
        {
            throw new InvalidOperationException($"Refused to write {row.GetType().Name} outside the current organization.");
        }
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
