using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Imports;

public enum ImportStatus
{
    Previewed = 1,
    Committed = 2,
    Failed = 3,
}

/// <summary>
/// IMP-047: one import of a project: who, when, which file, its preview (IMP-030) and its outcome
/// (IMP-046). Kept for the life of the project. The uploaded file itself is kept apart in
/// <see cref="ImportFile"/> for 24 h so confirm does not need a re-upload (IMP-032).
/// </summary>
public sealed class ImportRun : ITenantOwned
{
    public const string TakeoffKind = "takeoff";
    public const string WeldsKind = "welds";

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid UserId { get; set; }
    public string UserName { get; set; } = "";
    public string Kind { get; set; } = TakeoffKind;
    public string FileName { get; set; } = "";
    public long FileSize { get; set; }
    public ImportStatus Status { get; set; } = ImportStatus.Previewed;
    public int Rows { get; set; }
    public bool CanImport { get; set; }
    /// <summary>The IMP-030 preview as JSON (<see cref="ImportPreview"/>).</summary>
    public string PreviewJson { get; set; } = "{}";
    /// <summary>The IMP-046 result as JSON (<see cref="ImportResult"/>), once confirmed.</summary>
    public string? ResultJson { get; set; }
    public int ComponentsCreated { get; set; }
    public int ComponentsUpdated { get; set; }
    public int ComponentsSkipped { get; set; }
    public int DrawingsCreated { get; set; }
    public int DrawingsUpdated { get; set; }
    public int MetadataCreated { get; set; }
    public string? Error { get; set; }
    public long? DurationMs { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}

/// <summary>IMP-032: the uploaded bytes of an import, kept for 24 h after upload.</summary>
public sealed class ImportFile : ITenantOwned
{
    public Guid ImportRunId { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    public byte[] Content { get; set; } = [];
    public DateTime ExpiresAt { get; set; }
}

public sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> b)
    {
        b.ToTable("import_runs");
        b.Property(x => x.UserName).HasMaxLength(200);
        b.Property(x => x.Kind).HasMaxLength(16);
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Error).HasMaxLength(2000);
        b.HasOne<Project>().WithMany().HasForeignKey(x => x.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ProjectId, x.CreatedAt });
        b.HasIndex(x => x.OrganizationId);
    }
}

public sealed class ImportFileConfiguration : IEntityTypeConfiguration<ImportFile>
{
    public void Configure(EntityTypeBuilder<ImportFile> b)
    {
        b.ToTable("import_files");
        b.HasKey(x => x.ImportRunId);
        b.HasOne<ImportRun>().WithOne().HasForeignKey<ImportFile>(x => x.ImportRunId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ExpiresAt);
        b.HasIndex(x => x.OrganizationId);
    }
}
