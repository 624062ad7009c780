using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Infrastructure.Tenancy;

/// <summary>
/// Stamps new tenant-owned rows with the current organization and refuses any write whose
/// organization is not the current one: a bug elsewhere cannot write into another tenant.
/// </summary>
public sealed class TenantStampInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Stamp(DbContext? context)
    {
        if (context is not AppDbContext db)
        {
            return;
        }
        var current = db.CurrentOrganizationId;
        foreach (var entry in db.ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            if (entry.State == EntityState.Added && entry.Entity.OrganizationId == Guid.Empty && current is { } org)
            {
                entry.Entity.OrganizationId = org;
            }
            if (current is null || entry.Entity.OrganizationId != current)
            {
                throw new InvalidOperationException(
                    $"Refused to write {entry.Metadata.ClrType.Name} outside the current organization.");
            }
        }
    }
}
