using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PipeTrak.Web.Features.Account;
using PipeTrak.Web.Features.Audit;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Imports;
using PipeTrak.Web.Features.Manhours;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Organizations;
using PipeTrak.Web.Features.Packages;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Rollups;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Features.Welds;
using PipeTrak.Web.Infrastructure.Api;
using PipeTrak.Web.Infrastructure.Email;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Infrastructure.Data;

/// <summary>
/// The one context. Tenant-owned entities are filtered to the current organization; only code that
/// calls <c>IgnoreQueryFilters()</c> explicitly (admin and background code) sees across tenants.
/// </summary>
public sealed class AppDbContext : IdentityUserContext<AppUser, Guid>, IDataProtectionKeyContext
{
    private TenantContext? tenant;

    /// <summary>
    /// One constructor, as pooling requires (DataSetup): the request's <see cref="Tenant"/> is set on every
    /// lease before any use; code that builds a context itself sets it too (<c>new(options) { Tenant = … }</c>).
    /// </summary>
    public AppDbContext(DbContextOptions<AppDbContext> options)
        : base(options)
    {
    }

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Area> Areas => Set<Area>();
    public DbSet<PlantSystem> Systems => Set<PlantSystem>();
    public DbSet<TestPackage> TestPackages => Set<TestPackage>();
    public DbSet<PackageStage> PackageStages => Set<PackageStage>();
    public DbSet<StageSignOff> StageSignOffs => Set<StageSignOff>();
    public DbSet<PackageCertificate> PackageCertificates => Set<PackageCertificate>();
    public DbSet<Drawing> Drawings => Set<Drawing>();
    public DbSet<Component> Components => Set<Component>();
    public DbSet<ProjectTemplateRow> ProjectTemplateRows => Set<ProjectTemplateRow>();
    public DbSet<MilestoneValueRow> MilestoneValues => Set<MilestoneValueRow>();
    public DbSet<MilestoneEvent> MilestoneEvents => Set<MilestoneEvent>();
    public DbSet<ManhourBudget> ManhourBudgets => Set<ManhourBudget>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<ImportFile> ImportFiles => Set<ImportFile>();
    public DbSet<Welder> Welders => Set<Welder>();
    public DbSet<Weld> Welds => Set<Weld>();
    public DbSet<WeldEvent> WeldEvents => Set<WeldEvent>();
    public DbSet<ReviewItem> ReviewItems => Set<ReviewItem>();
    /// <summary>Read-only for the application: written by database triggers on components.</summary>
    public DbSet<RollupCell> RollupCells => Set<RollupCell>();

    /// <summary>Read by the query filters; EF evaluates it per query, not once per model.</summary>
    /// <remarks>No tenant set means no organization: every tenant filter matches nothing (never everything).</remarks>
    internal Guid? CurrentOrganizationId => tenant?.OrganizationId;

    public TenantContext Tenant
    {
        get => tenant ?? throw new InvalidOperationException("The context was leased without a tenant context.");
        set => tenant = value;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // Every tenant-owned entity gets the same filter; none can be forgotten.
        foreach (var entityType in builder.Model.GetEntityTypes())
        {
            if (typeof(ITenantOwned).IsAssignableFrom(entityType.ClrType))
            {
                var method = typeof(AppDbContext)
                    .GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                    .MakeGenericMethod(entityType.ClrType);
                method.Invoke(this, [builder]);
            }
        }
    }

    private void ApplyTenantFilter<T>(ModelBuilder builder)
        where T : class, ITenantOwned =>
        builder.Entity<T>().HasQueryFilter(e => e.OrganizationId == CurrentOrganizationId);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored in UTC and read back as UTC on both providers.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<OrgRole>().HaveConversion<OrgRoleConverter>().HaveMaxLength(32);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class OrgRoleConverter() : ValueConverter<OrgRole, string>(
        v => v.Code(),
        v => ParseRole(v))
    {
        private static OrgRole ParseRole(string code) =>
            OrgRoles.TryParse(code, out var role) ? role : throw new InvalidOperationException($"Unknown role '{code}'.");
    }
}
