using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Packages;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Features.Templates;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Imports;

public enum ImportOutcomeKind
{
    Ok = 1,
    NotFound,
    Forbidden,
    Archived,
    /// <summary>IMP-001 file refusal or IMP-023 not importable (422).</summary>
    Refused,
    /// <summary>IMP-032 preview changed, IMP-040 another import running, or already committed (409).</summary>
    Conflict,
    /// <summary>The commit failed and rolled back (422 with the result).</summary>
    Failed,
}

public sealed record ImportRowDetail(int Row, int Line, string Code, string Message);

/// <summary>IMP-046: the outcome of a confirm.</summary>
public sealed record ImportResult(
    bool Success,
    int ComponentsCreated,
    int ComponentsUpdated,
    int ComponentsSkipped,
    int DrawingsCreated,
    int DrawingsUpdated,
    int MetadataCreated,
    IReadOnlyDictionary<string, int> ComponentsByType,
    long DurationMs,
    string? Error = null,
    IReadOnlyList<ImportRowDetail>? Details = null);

/// <summary>An import run as pages and the API show it.</summary>
public sealed record ImportRunView(
    Guid Id,
    Guid ProjectId,
    string Kind,
    string FileName,
    long FileSize,
    string Status,
    Guid UserId,
    string UserName,
    DateTime CreatedAt,
    DateTime? CompletedAt,
    int Rows,
    bool CanImport,
    int ComponentsCreated,
    int ComponentsUpdated,
    int ComponentsSkipped,
    int DrawingsCreated,
    int DrawingsUpdated,
    int MetadataCreated,
    string? Error,
    long? DurationMs,
    ImportPreview? Preview,
    ImportResult? Result);

public sealed record ImportOutcome(ImportOutcomeKind Kind, string? Message = null, ImportRunView? Run = null, ImportResult? Result = null, Permission Denied = Permission.ManageProjects)
{
    public static readonly ImportOutcome NotFound = new(ImportOutcomeKind.NotFound);
}

/// <summary>
/// IMP-030..047 takeoff import: upload (validate + preview, nothing written to the project),
/// confirm (re-read, re-validate, commit all-or-nothing in one transaction), history.
/// Imports are run by owner, admin and project manager (PPL-040 row 6).
/// </summary>
public sealed class ImportCommands(
    AppDbContext db,
    ProjectOperations projects,
    TakeoffParseCache parses,
    TimeProvider clock,
    IOptions<ImportOptions> options,
    ILogger<ImportCommands> logger)
{
    public const string NotImportableMessage = "The file has errors and cannot be imported. Fix the rows listed in the preview and upload it again.";
    public const string ExpiredMessage = "The uploaded file is no longer kept (24 h). Upload it again.";
    public const string AlreadyCommittedMessage = "This import was already committed.";
    public const string FailedBeforeMessage = "This import failed. Upload the file again to retry.";

    /// <summary>IMP-040: one import per project at a time; a second one waits this long.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly ConcurrentDictionary<Guid, SemaphoreSlim> ProjectLocks = new();

    private ImportOptions Limits => options.Value;

    /// <summary>Project access as every import use case checks it: 404 before 403 (PPL-070), archived read-only (PPL-033).</summary>
    private async Task<(Project? Project, ImportOutcome? Refusal)> AccessAsync(ClaimsPrincipal user, Guid projectId, bool write, CancellationToken ct)
    {
        var project = await projects.FindAsync(user, projectId, ct);
        if (project is null)
        {
            return (null, ImportOutcome.NotFound);
        }
        if (!user.Can(Permission.ManageProjects))
        {
            return (null, new ImportOutcome(ImportOutcomeKind.Forbidden, $"You don't have permission to {Permission.ManageProjects.ActionPhrase()}."));
        }
        if (write && project.IsArchived)
        {
            return (null, new ImportOutcome(ImportOutcomeKind.Archived, Project.ArchivedMessage));
        }
        return (project, null);
    }

    /// <summary>The access check alone (null when allowed), so callers can refuse before reading a request body.</summary>
    public async Task<ImportOutcome?> CheckAccessAsync(ClaimsPrincipal user, Guid projectId, bool write, CancellationToken ct) =>
        (await AccessAsync(user, projectId, write, ct)).Refusal;

    /// <summary>IMP-001 + IMP-030: reads and validates the file, stores it for confirm, and returns the preview.</summary>
    public async Task<ImportOutcome> UploadAsync(ClaimsPrincipal user, Guid projectId, Stream content, string fileName, CancellationToken ct)
    {
        var (project, refusal) = await AccessAsync(user, projectId, write: true, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        fileName = Path.GetFileName(fileName ?? "").Trim();
        if (fileName.Length > 260)
        {
            fileName = fileName[^260..];
        }
        // Seekable copy (the form file is buffered on disk; a raw body is copied once).
        Stream stream = content;
        MemoryStream? copy = null;
        if (!content.CanSeek)
        {
            copy = new MemoryStream();
            await content.CopyToAsync(copy, ct);
            copy.Position = 0;
            stream = copy;
        }
        try
        {
            if (!ImportFileRules.IsSupportedExtension(fileName))
            {
                return new ImportOutcome(ImportOutcomeKind.Refused, ImportFileRules.UnsupportedTypeMessage);
            }
            if (stream.Length > Limits.MaxFileBytes)
            {
                return new ImportOutcome(ImportOutcomeKind.Refused, ImportFileRules.TooLargeMessage(Limits.MaxFileMegabytes));
            }
            var started = clock.GetTimestamp();
            var runId = Guid.CreateVersion7();
            var sheet = SpreadsheetReader.Read(stream, fileName, Limits);
            if (sheet.Error is not null)
            {
                ImportLog.Refused(logger, projectId, sheet.Error);
                return new ImportOutcome(ImportOutcomeKind.Refused, sheet.Error);
            }
            ImportLog.Phase(logger, runId, "upload-read", Elapsed(started));
            var parse = TakeoffParse.Of(sheet);
            ImportLog.Phase(logger, runId, "upload-parse", Elapsed(started));
            var snapshot = await SnapshotAsync(projectId, ct);
            var analysis = TakeoffAnalysis.Compare(fileName, stream.Length, parse, snapshot);
            ImportLog.Phase(logger, runId, "upload-compare", Elapsed(started));

            var bytes = new byte[stream.Length];
            stream.Position = 0;
            await stream.ReadExactlyAsync(bytes, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var run = new ImportRun
            {
                Id = runId,
                OrganizationId = project!.OrganizationId,
                ProjectId = projectId,
                UserId = user.RequiredUserId(),
                UserName = Truncate(user.DisplayName(), 200),
                FileName = fileName,
                FileSize = bytes.LongLength,
                Rows = parse.Rows,
                CanImport = analysis.Preview.CanImport,
                PreviewJson = JsonSerializer.Serialize(analysis.Preview, Json),
                CreatedAt = now,
            };
            db.ImportRuns.Add(run);
            db.ImportFiles.Add(new ImportFile
            {
                ImportRunId = run.Id,
                OrganizationId = run.OrganizationId,
                ProjectId = projectId,
                Content = bytes,
                ExpiresAt = now.AddHours(Limits.KeepFileHours),
            });
            await db.SaveChangesAsync(ct);
            // Expired uploads of this project go (IMP-032 keeps them 24 h).
            await db.ImportFiles.Where(f => f.ProjectId == projectId && f.ExpiresAt < now).ExecuteDeleteAsync(ct);
            if (parse.RowsImportable)
            {
                // IMP-048: confirm reuses this parse when the stored bytes hash the same (an unimportable file is refused at confirm anyway).
                parses.Store(run.Id, TakeoffParseCache.Hash(bytes), parse);
            }
            ImportLog.Phase(logger, runId, "upload-saved", Elapsed(started));
            return new ImportOutcome(ImportOutcomeKind.Ok, Run: View(run, analysis.Preview));
        }
        finally
        {
            if (copy is not null)
            {
                await copy.DisposeAsync();
            }
        }
    }

    public async Task<ImportOutcome> GetAsync(ClaimsPrincipal user, Guid projectId, Guid importId, CancellationToken ct)
    {
        var (_, refusal) = await AccessAsync(user, projectId, write: false, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var run = await db.ImportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == importId && r.ProjectId == projectId && r.Kind == ImportRun.TakeoffKind, ct);
        return run is null ? ImportOutcome.NotFound : new ImportOutcome(ImportOutcomeKind.Ok, Run: View(run));
    }

    /// <summary>IMP-047: the project's imports, newest first (without previews).</summary>
    public async Task<(ImportOutcome? Refusal, List<ImportRunView> Runs)> HistoryAsync(ClaimsPrincipal user, Guid projectId, CancellationToken ct)
    {
        var (_, refusal) = await AccessAsync(user, projectId, write: false, ct);
        if (refusal is not null)
        {
            return (refusal, []);
        }
        var runs = await db.ImportRuns.AsNoTracking()
            .Where(r => r.ProjectId == projectId)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Take(500)
            .Select(r => new ImportRunView(r.Id, r.ProjectId, r.Kind, r.FileName, r.FileSize, StatusCode(r.Status), r.UserId, r.UserName, r.CreatedAt,
                r.CompletedAt, r.Rows, r.CanImport, r.ComponentsCreated, r.ComponentsUpdated, r.ComponentsSkipped, r.DrawingsCreated, r.DrawingsUpdated,
                r.MetadataCreated, r.Error, r.DurationMs, null, null))
            .ToListAsync(ct);
        return (null, runs);
    }

    /// <summary>IMP-032 + IMP-040: re-read, re-validate, and commit all-or-nothing in one transaction.</summary>
    public async Task<ImportOutcome> ConfirmAsync(ClaimsPrincipal user, Guid projectId, Guid importId, CancellationToken ct)
    {
        var (_, refusal) = await AccessAsync(user, projectId, write: true, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var exists = await db.ImportRuns.AnyAsync(r => r.Id == importId && r.ProjectId == projectId && r.Kind == ImportRun.TakeoffKind, ct);
        if (!exists)
        {
            return ImportOutcome.NotFound;
        }
        var gate = ProjectLocks.GetOrAdd(projectId, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(LockWait, ct))
        {
            return new ImportOutcome(ImportOutcomeKind.Conflict, ImportFileRules.ImportRunningMessage);
        }
        try
        {
            return await ConfirmLockedAsync(projectId, importId, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<ImportOutcome> ConfirmLockedAsync(Guid projectId, Guid importId, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (!await ImportBulk.TryLockProjectAsync(db, projectId, LockWait, ct))
            {
                return new ImportOutcome(ImportOutcomeKind.Conflict, ImportFileRules.ImportRunningMessage);
            }
            var run = await db.ImportRuns.SingleAsync(r => r.Id == importId && r.ProjectId == projectId, ct);
            switch (run.Status)
            {
                case ImportStatus.Committed:
                    return new ImportOutcome(ImportOutcomeKind.Conflict, AlreadyCommittedMessage, View(run), Deserialize<ImportResult>(run.ResultJson));
                case ImportStatus.Failed:
                    return new ImportOutcome(ImportOutcomeKind.Conflict, FailedBeforeMessage, View(run), Deserialize<ImportResult>(run.ResultJson));
            }
            var file = await db.ImportFiles.AsNoTracking().SingleOrDefaultAsync(f => f.ImportRunId == importId, ct);
            if (file is null || file.ExpiresAt < clock.GetUtcNow().UtcDateTime)
            {
                return new ImportOutcome(ImportOutcomeKind.Refused, ExpiredMessage, View(run));
            }
            // IMP-032: the file is validated again, unless this instance parsed exactly these bytes at upload
            // (the parse depends on the file alone); the comparison with the project is always made again.
            if (!parses.TryGet(importId, TakeoffParseCache.Hash(file.Content), out var parse))
            {
                using var stream = new MemoryStream(file.Content, writable: false);
                var sheet = SpreadsheetReader.Read(stream, run.FileName, Limits);
                if (sheet.Error is not null)
                {
                    return new ImportOutcome(ImportOutcomeKind.Refused, sheet.Error, View(run));
                }
                parse = TakeoffParse.Of(sheet);
            }
            ImportLog.Phase(logger, importId, "parse", Elapsed(started));
            var snapshot = await SnapshotAsync(projectId, ct);
            ImportLog.Phase(logger, importId, "snapshot", Elapsed(started));
            var analysis = TakeoffAnalysis.Compare(run.FileName, run.FileSize, parse, snapshot);
            ImportLog.Phase(logger, importId, "compare", Elapsed(started));
            var stored = Deserialize<ImportPreview>(run.PreviewJson);
            if (stored is null || stored.Fingerprint() != analysis.Preview.Fingerprint())
            {
                // IMP-032: refuse, and keep the updated preview for the person to review.
                run.PreviewJson = JsonSerializer.Serialize(analysis.Preview, Json);
                run.CanImport = analysis.Preview.CanImport;
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return new ImportOutcome(ImportOutcomeKind.Conflict, ImportFileRules.PreviewChangedMessage, View(run));
            }
            if (!analysis.Preview.CanImport || analysis.Plan is null)
            {
                return new ImportOutcome(ImportOutcomeKind.Refused, NotImportableMessage, View(run), Failure(NotImportableMessage, analysis.Preview, started));
            }

            try
            {
                var result = await CommitAsync(run, parse, analysis, snapshot, started, ct);
                run.Status = ImportStatus.Committed;
                Record(run, result);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                parses.Remove(importId);
                ImportLog.Committed(logger, projectId, importId, result.ComponentsCreated, result.ComponentsUpdated, result.ComponentsSkipped, result.DurationMs);
                return new ImportOutcome(ImportOutcomeKind.Ok, Run: View(run), Result: result);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                // IMP-040: everything rolls back; the failure is kept in the history.
                await tx.RollbackAsync(CancellationToken.None);
                ImportLog.CommitFailed(logger, projectId, importId, e);
                db.ChangeTracker.Clear();
                var failure = Failure("The import failed and nothing was changed: " + Truncate(e.GetBaseException().Message, 500) + " Check the file and try again.", null, started);
                var failed = await db.ImportRuns.SingleAsync(r => r.Id == importId, CancellationToken.None);
                failed.Status = ImportStatus.Failed;
                Record(failed, failure);
                await db.SaveChangesAsync(CancellationToken.None);
                parses.Remove(importId);
                return new ImportOutcome(ImportOutcomeKind.Failed, failure.Error, View(failed), failure);
            }
        });
    }

    /// <summary>IMP-040 steps 1-6 inside the caller's transaction.</summary>
    private async Task<ImportResult> CommitAsync(ImportRun run, TakeoffParse parse, TakeoffAnalysis analysis, ProjectSnapshot snapshot, long started, CancellationToken ct)
    {
        var plan = analysis.Plan!;
        var orgId = run.OrganizationId;
        var projectId = run.ProjectId;
        var now = clock.GetUtcNow().UtcDateTime;

        // 1. Missing areas, systems and packages, once each (TRK-070: first spelling kept).
        var areas = new List<Area>();
        foreach (var name in plan.Areas.Where(a => !snapshot.Areas.ContainsKey(a)))
        {
            var area = new Area { Id = Guid.CreateVersion7(), OrganizationId = orgId, ProjectId = projectId, Name = name };
            areas.Add(area);
            snapshot.Areas[name] = area.Id;
        }
        var systems = new List<PlantSystem>();
        foreach (var name in plan.Systems.Where(a => !snapshot.Systems.ContainsKey(a)))
        {
            var system = new PlantSystem { Id = Guid.CreateVersion7(), OrganizationId = orgId, ProjectId = projectId, Name = name };
            systems.Add(system);
            snapshot.Systems[name] = system.Id;
        }
        var packages = new List<TestPackage>();
        foreach (var name in plan.TestPackages.Where(a => !snapshot.Packages.ContainsKey(a)))
        {
            var package = new TestPackage { Id = Guid.CreateVersion7(), OrganizationId = orgId, ProjectId = projectId, Name = name };
            packages.Add(package);
            snapshot.Packages[name] = package.Id;
        }
        var metadataCreated = areas.Count + systems.Count + packages.Count;

        // 2. IMP-043: match or create drawings (sheet 1, first row's written number).
        var drawings = new List<Drawing>();
        var drawingsUpdated = 0;
        foreach (var (normalized, written) in plan.Drawings)
        {
            if (snapshot.Drawings.ContainsKey(normalized))
            {
                drawingsUpdated++;
                continue;
            }
            var drawing = new Drawing { Id = Guid.CreateVersion7(), OrganizationId = orgId, ProjectId = projectId, Sheet = Drawing.DefaultSheet };
            drawing.SetNumber(written.Length > Drawing.NumberMaxLength ? written[..Drawing.NumberMaxLength] : written);
            drawings.Add(drawing);
            snapshot.Drawings[normalized] = drawing.Id;
        }
        // PostgreSQL: binary COPY per table (no change tracking); SQLite: SaveChanges.
        await ImportBulk.InsertAsync(db, areas, ct);
        await ImportBulk.InsertAsync(db, systems, ct);
        await ImportBulk.InsertAsync(db, packages, ct);
        await ImportBulk.InsertAsync(db, drawings, ct);
        ImportLog.Phase(logger, run.Id, "metadata-and-drawings", Elapsed(started));

        // 3. IMP-041/TRK-087: aggregates whose LF or lines changed are replaced (milestones, and so the percent, kept).
        var toUpdate = new Dictionary<Guid, ComponentDraft>();
        int skipped = 0, toCreate = 0;
        for (var i = 0; i < plan.Components.Count; i++)
        {
            switch (analysis.Outcomes[i])
            {
                case DraftOutcome.Skip:
                    skipped++;
                    break;
                case DraftOutcome.UpdateAggregate:
                    var draft = plan.Components[i];
                    toUpdate[snapshot.Components[(draft.Type, draft.Identity)].Id] = draft;
                    break;
                default:
                    toCreate++;
                    break;
            }
        }
        foreach (var chunk in toUpdate.Keys.Chunk(1000))
        {
            var components = await db.Components.Where(c => chunk.Contains(c.Id)).ToListAsync(ct);
            foreach (var component in components)
            {
                component.Attributes = TakeoffAnalysis.ReplaceAggregate(component.Attributes, toUpdate[component.Id]);
                component.Version = Guid.NewGuid();
            }
            await db.SaveChangesAsync(ct);
        }
        ImportLog.Phase(logger, run.Id, "updated", Elapsed(started));

        // 4-5. New components, built while they are written (PostgreSQL: binary COPY).
        var templates = await TemplatesAsync(projectId, ct);
        long buildTicks = 0;
        var created = await ImportBulk.InsertComponentsAsync(db, NewComponents(), ct);
        ImportLog.Phase(logger, run.Id, "inserted", Elapsed(started));
        ImportLog.Phase(logger, run.Id, "of which building components", (long)clock.GetElapsedTime(0, buildTicks).TotalMilliseconds);
        if (created != toCreate)
        {
            throw new InvalidOperationException($"Expected to create {toCreate} components but created {created}.");
        }

        return new ImportResult(true, created, toUpdate.Count, skipped, drawings.Count, drawingsUpdated, metadataCreated,
            parse.CountsByType, (long)clock.GetElapsedTime(started).TotalMilliseconds);

        IEnumerable<Component> NewComponents()
        {
            var attributes = new AttributesJsonWriter();
            for (var i = 0; i < plan.Components.Count; i++)
            {
                if (analysis.Outcomes[i] != DraftOutcome.Create)
                {
                    continue;
                }
                var from = clock.GetTimestamp();
                var draft = plan.Components[i];
                var component = new Component
                {
                    Id = Guid.CreateVersion7(),
                    OrganizationId = orgId,
                    ProjectId = projectId,
                    Type = draft.Type,
                    IdentityKey = draft.Identity,
                    DrawingId = snapshot.Drawings[draft.Drawing],
                    AreaId = draft.Area is null ? null : snapshot.Areas[draft.Area],
                    SystemId = draft.System is null ? null : snapshot.Systems[draft.System],
                    PackageId = draft.TestPackage is null ? null : snapshot.Packages[draft.TestPackage],
                    Attributes = attributes.Write(draft),
                    // IMP-044: milestones start never set; the percent still comes from the one progress function (TRK-032).
                    Percent = templates(draft.Type),
                    CreatedAt = now,
                    // Version: the entity's own new Guid (optimistic concurrency token).
                };
                buildTicks += clock.GetTimestamp() - from;
                yield return component;
            }
        }
    }

    /// <summary>TRK-023/TRK-032: the percent of a never-set component of each type under the project's template.</summary>
    private async Task<Func<ComponentType, decimal>> TemplatesAsync(Guid projectId, CancellationToken ct)
    {
        var rows = await db.ProjectTemplateRows.AsNoTracking().Where(r => r.ProjectId == projectId).OrderBy(r => r.Order).ToListAsync(ct);
        var cache = new Dictionary<ComponentType, decimal>();
        var none = new Dictionary<string, MilestoneValue>();
        return type =>
        {
            if (!cache.TryGetValue(type, out var percent))
            {
                var (template, _) = EffectiveTemplate.For(type, rows.Where(r => r.ComponentType == type).Select(r => r.ToRow()).ToList());
                percent = ProgressRules.PercentComplete(template, none);
                cache[type] = percent;
            }
            return percent;
        };
    }

    private async Task<ProjectSnapshot> SnapshotAsync(Guid projectId, CancellationToken ct)
    {
        var snapshot = new ProjectSnapshot();
        foreach (var a in await db.Areas.AsNoTracking().Where(x => x.ProjectId == projectId).Select(x => new { x.Id, x.Name }).ToListAsync(ct))
        {
            snapshot.Areas.TryAdd(a.Name, a.Id);
        }
        foreach (var a in await db.Systems.AsNoTracking().Where(x => x.ProjectId == projectId).Select(x => new { x.Id, x.Name }).ToListAsync(ct))
        {
            snapshot.Systems.TryAdd(a.Name, a.Id);
        }
        foreach (var a in await db.TestPackages.AsNoTracking().Where(x => x.ProjectId == projectId).Select(x => new { x.Id, x.Name }).ToListAsync(ct))
        {
            snapshot.Packages.TryAdd(a.Name, a.Id);
        }
        foreach (var d in await db.Drawings.AsNoTracking()
            .Where(x => x.ProjectId == projectId && x.RetiredAt == null && x.Sheet == Drawing.DefaultSheet)
            .Select(x => new { x.Id, x.NormalizedNumber }).ToListAsync(ct))
        {
            snapshot.Drawings.TryAdd(d.NormalizedNumber, d.Id);
        }
        var components = await db.Components.AsNoTracking()
            .Where(c => c.ProjectId == projectId && c.RetiredAt == null)
            .Select(c => new { c.Id, c.Type, c.IdentityKey, Attributes = c.Type == ComponentType.Pipe || c.Type == ComponentType.ThreadedPipe ? c.Attributes : null })
            .ToListAsync(ct);
        foreach (var c in components)
        {
            var (lf, lines) = c.Attributes is null ? (null, null) : TakeoffAnalysis.AggregateOf(c.Attributes);
            snapshot.Components[(c.Type, c.IdentityKey)] = new ExistingComponent(c.Id, lf, lines);
        }
        return snapshot;
    }

    private long Elapsed(long started) => (long)clock.GetElapsedTime(started).TotalMilliseconds;

    private ImportResult Failure(string error, ImportPreview? preview, long started)
    {
        var details = preview?.Errors.SelectMany(g => g.Rows).Select(r => new ImportRowDetail(r.Row, r.Line, r.Code, r.Message)).ToList() ?? [];
        if (preview is { ColumnErrors.Count: > 0 })
        {
            details.InsertRange(0, preview.ColumnErrors.Select(e => new ImportRowDetail(0, 1, "missing_column", e)));
        }
        return new ImportResult(false, 0, 0, 0, 0, 0, 0, new Dictionary<string, int>(), (long)clock.GetElapsedTime(started).TotalMilliseconds, error, details);
    }

    private void Record(ImportRun run, ImportResult result)
    {
        run.ResultJson = JsonSerializer.Serialize(result, Json);
        run.ComponentsCreated = result.ComponentsCreated;
        run.ComponentsUpdated = result.ComponentsUpdated;
        run.ComponentsSkipped = result.ComponentsSkipped;
        run.DrawingsCreated = result.DrawingsCreated;
        run.DrawingsUpdated = result.DrawingsUpdated;
        run.MetadataCreated = result.MetadataCreated;
        run.Error = result.Error is null ? null : Truncate(result.Error, 2000);
        run.DurationMs = result.DurationMs;
        run.CompletedAt = clock.GetUtcNow().UtcDateTime;
    }

    public static string StatusCode(ImportStatus status) => status switch
    {
        ImportStatus.Committed => "committed",
        ImportStatus.Failed => "failed",
        _ => "previewed",
    };

    private static ImportRunView View(ImportRun r) => View(r, Deserialize<ImportPreview>(r.PreviewJson));

    /// <summary>The view with a preview already in hand (no need to read back the JSON just written).</summary>
    private static ImportRunView View(ImportRun r, ImportPreview? preview) => new(r.Id, r.ProjectId, r.Kind, r.FileName, r.FileSize, StatusCode(r.Status), r.UserId, r.UserName,
        r.CreatedAt, r.CompletedAt, r.Rows, r.CanImport, r.ComponentsCreated, r.ComponentsUpdated, r.ComponentsSkipped, r.DrawingsCreated,
        r.DrawingsUpdated, r.MetadataCreated, r.Error, r.DurationMs, preview, Deserialize<ImportResult>(r.ResultJson));

    private static T? Deserialize<T>(string? json)
        where T : class
    {
        if (string.IsNullOrEmpty(json) || json == "{}")
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
