using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Features.Drawings;
using PipeTrak.Web.Features.Imports;
using PipeTrak.Web.Features.Milestones;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Welds.Import;

/// <summary>IMP-046-style outcome of a weld log confirm (welds instead of components).</summary>
public sealed record WeldImportResult(
    bool Success,
    int WeldsCreated,
    int WeldsUpdated,
    int WeldsSkipped,
    int WeldersCreated,
    long DurationMs,
    IReadOnlyList<string>? Notices = null,
    string? Error = null,
    IReadOnlyList<ImportRowDetail>? Details = null);

/// <summary>A weld import run as pages and the API show it.</summary>
public sealed record WeldImportView(
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
    int WeldsCreated,
    int WeldsUpdated,
    int WeldsSkipped,
    string? Error,
    long? DurationMs,
    WeldImportPreview? Preview,
    WeldImportResult? Result);

public sealed record WeldImportOutcome(ImportOutcomeKind Kind, string? Message = null, WeldImportView? Run = null, WeldImportResult? Result = null)
{
    public static readonly WeldImportOutcome NotFound = new(ImportOutcomeKind.NotFound);

    public Permission Denied => Permission.ManageProjects;
}

/// <summary>
/// IMP-050..054 field weld log import: upload (validate + preview, nothing written to the project),
/// confirm (re-read, re-validate, commit all-or-nothing in ONE transaction), history. Imports are run by
/// owner, admin and project manager (PPL-040 row 6). The commit applies the weld command rules
/// (WLD-020 assign, WLD-030/031 record NDE) and stages milestone changes through
/// <see cref="MilestoneCommands.StageAsync"/>, the same path the weld commands take.
/// </summary>
public sealed class WeldImportCommands(
    AppDbContext db,
    ProjectOperations projects,
    MilestoneCommands milestones,
    TimeProvider clock,
    IOptions<ImportOptions> options,
    ILogger<WeldImportCommands> logger)
{
    public const string AutoCreatedWelderName = "Auto-created from import";
    public const int SaveEvery = 500;

    private static readonly ConcurrentDictionary<Guid, SemaphoreSlim> ProjectLocks = new();

    private ImportOptions Limits => options.Value;

    private async Task<(Project? Project, WeldImportOutcome? Refusal)> AccessAsync(ClaimsPrincipal user, Guid projectId, bool write, CancellationToken ct)
    {
        var project = await projects.FindAsync(user, projectId, ct);
        if (project is null)
        {
            return (null, WeldImportOutcome.NotFound);
        }
        if (!user.Can(Permission.ManageProjects))
        {
            return (null, new WeldImportOutcome(ImportOutcomeKind.Forbidden, $"You don't have permission to {Permission.ManageProjects.ActionPhrase()}."));
        }
        if (write && project.IsArchived)
        {
            return (null, new WeldImportOutcome(ImportOutcomeKind.Archived, Project.ArchivedMessage));
        }
        return (project, null);
    }

    /// <summary>PPL-041 order (404, 403, archived) alone, so callers refuse before reading a body.</summary>
    public async Task<WeldImportOutcome?> CheckAccessAsync(ClaimsPrincipal user, Guid projectId, bool write, CancellationToken ct) =>
        (await AccessAsync(user, projectId, write, ct)).Refusal;

    /// <summary>IMP-001 + IMP-050/051/054: reads and validates the weld log, keeps it for confirm, returns the preview.</summary>
    public async Task<WeldImportOutcome> UploadAsync(ClaimsPrincipal user, Guid projectId, Stream content, string fileName, CancellationToken ct)
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
        if (!ImportFileRules.IsSupportedExtension(fileName))
        {
            return new WeldImportOutcome(ImportOutcomeKind.Refused, ImportFileRules.UnsupportedTypeMessage);
        }
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        if (buffer.Length > Limits.MaxFileBytes)
        {
            return new WeldImportOutcome(ImportOutcomeKind.Refused, ImportFileRules.TooLargeMessage(Limits.MaxFileMegabytes));
        }
        buffer.Position = 0;
        var sheet = SpreadsheetReader.Read(buffer, fileName, Limits);
        if (sheet.Error is not null)
        {
            ImportLog.Refused(logger, projectId, sheet.Error);
            return new WeldImportOutcome(ImportOutcomeKind.Refused, sheet.Error);
        }
        var today = Today(project!);
        var analysis = WeldImportAnalysis.Analyze(fileName, buffer.Length, sheet, await SnapshotAsync(projectId, ct), today);
        var now = clock.GetUtcNow().UtcDateTime;
        var run = new ImportRun
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = project!.OrganizationId,
            ProjectId = projectId,
            UserId = user.RequiredUserId(),
            UserName = Truncate(user.DisplayName(), 200),
            Kind = ImportRun.WeldsKind,
            FileName = fileName,
            FileSize = buffer.Length,
            Rows = sheet.Rows.Count,
            CanImport = analysis.Preview.CanImport,
            PreviewJson = JsonSerializer.Serialize(analysis.Preview, ImportCommands.Json),
            CreatedAt = now,
        };
        db.ImportRuns.Add(run);
        db.ImportFiles.Add(new ImportFile
        {
            ImportRunId = run.Id,
            OrganizationId = run.OrganizationId,
            ProjectId = projectId,
            Content = buffer.ToArray(),
            ExpiresAt = now.AddHours(Limits.KeepFileHours),
        });
        await db.SaveChangesAsync(ct);
        await db.ImportFiles.Where(f => f.ProjectId == projectId && f.ExpiresAt < now).ExecuteDeleteAsync(ct);
        return new WeldImportOutcome(ImportOutcomeKind.Ok, Run: View(run));
    }

    public async Task<WeldImportOutcome> GetAsync(ClaimsPrincipal user, Guid projectId, Guid importId, CancellationToken ct)
    {
        var (_, refusal) = await AccessAsync(user, projectId, write: false, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var run = await db.ImportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == importId && r.ProjectId == projectId && r.Kind == ImportRun.WeldsKind, ct);
        return run is null ? WeldImportOutcome.NotFound : new WeldImportOutcome(ImportOutcomeKind.Ok, Run: View(run));
    }

    /// <summary>IMP-047: the project's weld imports, newest first (without previews).</summary>
    public async Task<(WeldImportOutcome? Refusal, List<WeldImportView> Runs)> HistoryAsync(ClaimsPrincipal user, Guid projectId, CancellationToken ct)
    {
        var (_, refusal) = await AccessAsync(user, projectId, write: false, ct);
        if (refusal is not null)
        {
            return (refusal, []);
        }
        var runs = await db.ImportRuns.AsNoTracking()
            .Where(r => r.ProjectId == projectId && r.Kind == ImportRun.WeldsKind)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Take(500)
            .Select(r => new WeldImportView(r.Id, r.ProjectId, r.Kind, r.FileName, r.FileSize, ImportCommands.StatusCode(r.Status), r.UserId, r.UserName,
                r.CreatedAt, r.CompletedAt, r.Rows, r.CanImport, r.ComponentsCreated, r.ComponentsUpdated, r.ComponentsSkipped, r.Error, r.DurationMs, null, null))
            .ToListAsync(ct);
        return (null, runs);
    }

    /// <summary>IMP-032 + IMP-053: re-read, re-validate, and commit all-or-nothing in one transaction.</summary>
    public async Task<WeldImportOutcome> ConfirmAsync(ClaimsPrincipal user, Guid projectId, Guid importId, CancellationToken ct)
    {
        var (project, refusal) = await AccessAsync(user, projectId, write: true, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        if (!await db.ImportRuns.AnyAsync(r => r.Id == importId && r.ProjectId == projectId && r.Kind == ImportRun.WeldsKind, ct))
        {
            return WeldImportOutcome.NotFound;
        }
        var gate = ProjectLocks.GetOrAdd(projectId, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(ImportCommands.LockWait, ct))
        {
            return new WeldImportOutcome(ImportOutcomeKind.Conflict, ImportFileRules.ImportRunningMessage);
        }
        try
        {
            var context = new CommitContext(project!.OrganizationId, projectId, importId, user.RequiredUserId(), clock.GetUtcNow(), Today(project));
            return await ConfirmLockedAsync(context, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Who commits, when, and the project's today (TRK-002) for dates and NDE date defaults.</summary>
    private sealed record CommitContext(Guid OrganizationId, Guid ProjectId, Guid ImportId, Guid UserId, DateTimeOffset Now, DateOnly Today)
    {
        public MilestoneStageContext Stage => new(UserId, Now);
    }

    private async Task<WeldImportOutcome> ConfirmLockedAsync(CommitContext c, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (!await ImportBulk.TryLockProjectAsync(db, c.ProjectId, ImportCommands.LockWait, ct))
            {
                return new WeldImportOutcome(ImportOutcomeKind.Conflict, ImportFileRules.ImportRunningMessage);
            }
            var run = await db.ImportRuns.SingleAsync(r => r.Id == c.ImportId && r.ProjectId == c.ProjectId, ct);
            switch (run.Status)
            {
                case ImportStatus.Committed:
                    return new WeldImportOutcome(ImportOutcomeKind.Conflict, ImportCommands.AlreadyCommittedMessage, View(run), Deserialize<WeldImportResult>(run.ResultJson));
                case ImportStatus.Failed:
                    return new WeldImportOutcome(ImportOutcomeKind.Conflict, ImportCommands.FailedBeforeMessage, View(run), Deserialize<WeldImportResult>(run.ResultJson));
            }
            var file = await db.ImportFiles.AsNoTracking().SingleOrDefaultAsync(f => f.ImportRunId == c.ImportId, ct);
            if (file is null || file.ExpiresAt < clock.GetUtcNow().UtcDateTime)
            {
                return new WeldImportOutcome(ImportOutcomeKind.Refused, ImportCommands.ExpiredMessage, View(run));
            }
            using var stream = new MemoryStream(file.Content, writable: false);
            var sheet = SpreadsheetReader.Read(stream, run.FileName, Limits);
            if (sheet.Error is not null)
            {
                return new WeldImportOutcome(ImportOutcomeKind.Refused, sheet.Error, View(run));
            }
            var snapshot = await SnapshotAsync(c.ProjectId, ct);
            var analysis = WeldImportAnalysis.Analyze(run.FileName, run.FileSize, sheet, snapshot, c.Today);
            var stored = Deserialize<WeldImportPreview>(run.PreviewJson);
            if (stored is null || stored.Fingerprint() != analysis.Preview.Fingerprint())
            {
                // IMP-032: refuse, and keep the updated preview for the person to review.
                run.PreviewJson = JsonSerializer.Serialize(analysis.Preview, ImportCommands.Json);
                run.CanImport = analysis.Preview.CanImport;
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return new WeldImportOutcome(ImportOutcomeKind.Conflict, ImportFileRules.PreviewChangedMessage, View(run));
            }
            if (!analysis.Preview.CanImport)
            {
                return new WeldImportOutcome(ImportOutcomeKind.Refused, ImportCommands.NotImportableMessage, View(run), Failure(ImportCommands.NotImportableMessage, analysis.Preview, started));
            }
            try
            {
                var result = await CommitAsync(c, analysis, snapshot, started, ct);
                // The commit clears the change tracker between batches: the run is loaded again.
                run = await db.ImportRuns.SingleAsync(r => r.Id == c.ImportId, ct);
                run.Status = ImportStatus.Committed;
                Record(run, result);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                ImportLog.Committed(logger, c.ProjectId, c.ImportId, result.WeldsCreated, result.WeldsUpdated, result.WeldsSkipped, result.DurationMs);
                return new WeldImportOutcome(ImportOutcomeKind.Ok, Run: View(run), Result: result);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                // IMP-053: any error → nothing written; the failure is kept in the history.
                await tx.RollbackAsync(CancellationToken.None);
                ImportLog.CommitFailed(logger, c.ProjectId, c.ImportId, e);
                db.ChangeTracker.Clear();
                var failure = Failure("The import failed and nothing was changed: " + Truncate(e.GetBaseException().Message, 500) + " Check the file and try again.", null, started);
                var failed = await db.ImportRuns.SingleAsync(r => r.Id == c.ImportId, CancellationToken.None);
                failed.Status = ImportStatus.Failed;
                Record(failed, failure);
                await db.SaveChangesAsync(CancellationToken.None);
                return new WeldImportOutcome(ImportOutcomeKind.Failed, failure.Error, View(failed), failure);
            }
        });
    }

    /// <summary>IMP-053 inside the caller's transaction: welders, new welds, then the assign/NDE commands per row.</summary>
    private async Task<WeldImportResult> CommitAsync(CommitContext c, WeldImportAnalysis analysis, WeldImportSnapshot snapshot, long started, CancellationToken ct)
    {
        var nowUtc = c.Now.UtcDateTime;
        // 1. Unknown stencils → unverified welders, each with a verify_welder review item (WLD-070).
        foreach (var stencil in analysis.NewWelders)
        {
            var welder = new Welder
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = c.OrganizationId,
                ProjectId = c.ProjectId,
                Stencil = stencil,
                Name = AutoCreatedWelderName,
                CreatedAt = nowUtc,
            };
            db.Welders.Add(welder);
            db.ReviewItems.Add(new ReviewItem
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = c.OrganizationId,
                ProjectId = c.ProjectId,
                Type = ReviewItemTypes.VerifyWelder,
                Payload = JsonSerializer.Serialize(new { welderId = welder.Id, stencil, name = welder.Name, importId = c.ImportId }),
                Status = ReviewItemTypes.Pending,
                CreatedAt = nowUtc,
            });
            snapshot.Welders[stencil] = welder.Id;
            snapshot.WelderNames[stencil] = welder.Name;
        }
        await db.SaveChangesAsync(ct);

        // 2-3. New welds and the commands each row runs, saved in batches inside the one transaction.
        var milestoneNames = await FieldWeldMilestonesAsync(c.ProjectId, ct);
        int created = 0, updated = 0, skipped = 0, pending = 0;
        var notices = new List<string>();
        foreach (var plan in analysis.Plans)
        {
            switch (plan.Action)
            {
                case WeldRowAction.Create:
                    await CreateWeldAsync(c, plan, snapshot, milestoneNames, ct);
                    created++;
                    break;
                case WeldRowAction.Update:
                    await UpdateWeldAsync(c, plan, snapshot, milestoneNames, ct);
                    updated++;
                    break;
                case WeldRowAction.Differs:
                    notices.Add(ImportFileRules.DiffersMessage(plan.Row.Row.Number));
                    skipped++;
                    continue;
                default:
                    skipped++;
                    continue;
            }
            if (++pending >= SaveEvery)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                pending = 0;
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return new WeldImportResult(true, created, updated, skipped, analysis.NewWelders.Count, (long)clock.GetElapsedTime(started).TotalMilliseconds, notices);
    }

    /// <summary>IMP-053: a field_weld component (or the existing one without a record) and its weld, inheriting the drawing's area, system and package.</summary>
    private async Task CreateWeldAsync(
        CommitContext c, WeldRowPlan plan, WeldImportSnapshot snapshot, IReadOnlyList<string> milestoneNames, CancellationToken ct)
    {
        var row = plan.Row;
        var source = row.Row;
        var drawing = snapshot.Drawings[row.Drawing];
        var number = source.WeldId!.Trim();
        var nowUtc = c.Now.UtcDateTime;
        Component component;
        if (plan.Orphan is { } orphan)
        {
            component = await db.Components.SingleAsync(x => x.Id == orphan.ComponentId, ct);
        }
        else
        {
            component = new Component
            {
                Id = Guid.CreateVersion7(),
                OrganizationId = c.OrganizationId,
                ProjectId = c.ProjectId,
                Type = ComponentType.FieldWeld,
                IdentityKey = row.WeldNumber,
                Attributes = JsonSerializer.Serialize(new { weldNumber = number }),
                CreatedAt = nowUtc,
            };
            db.Components.Add(component);
        }
        component.DrawingId = drawing.Id;
        component.AreaId = drawing.AreaId;
        component.SystemId = drawing.SystemId;
        component.PackageId = drawing.PackageId;
        WeldCodes.TryParseWeldType(row.WeldType, out var weldType);
        var weld = new Weld
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = c.OrganizationId,
            ProjectId = c.ProjectId,
            ComponentId = component.Id,
            Number = number,
            SortKey = WeldSort.Key(number),
            WeldType = weldType,
            Size = source.Size?.Trim() ?? "",
            Schedule = source.Schedule?.Trim() ?? "",
            Spec = source.Spec?.Trim() ?? "",
            BaseMetal = source.BaseMetal?.Trim() ?? "",
            Notes = source.Comments?.Trim() ?? "",
            // IMP-052: blank leaves the x-ray unset (the record keeps its default) and NDE not required.
            XRayPercent = row.XRayPercent ?? WeldRules.DefaultXRay,
            NdeRequired = row.NdeRequired,
            CreatedAt = nowUtc,
        };
        db.Welds.Add(weld);
        await ApplyCommandsAsync(c, plan, weld, component, drawing.Number, snapshot, milestoneNames, ct);
    }

    /// <summary>IMP-054: the data the weld lacks, through the same rules as the commands.</summary>
    private async Task UpdateWeldAsync(
        CommitContext c, WeldRowPlan plan, WeldImportSnapshot snapshot, IReadOnlyList<string> milestoneNames, CancellationToken ct)
    {
        var existing = plan.Existing!;
        var weld = await db.Welds.SingleAsync(w => w.Id == existing.WeldId, ct);
        var component = await db.Components.SingleAsync(x => x.Id == weld.ComponentId, ct);
        var drawing = snapshot.Drawings.GetValueOrDefault(plan.Row.Drawing)?.Number;
        weld.Version = Guid.NewGuid();
        await ApplyCommandsAsync(c, plan, weld, component, drawing, snapshot, milestoneNames, ct);
    }

    /// <summary>
    /// WLD-020/021 assign and WLD-030/031 record NDE, checked with <see cref="WeldRules"/> and written as the
    /// commands write them: weld events (WLD-059), the weld_completed item, and ONE milestone staging whose
    /// targets are the assign effect overlaid with the NDE effect (the same values and events as running
    /// the two commands one after the other).
    /// </summary>
    private async Task ApplyCommandsAsync(
        CommitContext c, WeldRowPlan plan, Weld weld, Component component, string? drawingNumber, WeldImportSnapshot snapshot,
        IReadOnlyList<string> milestoneNames, CancellationToken ct)
    {
        var row = plan.Row;
        var targets = new Dictionary<string, int>(StringComparer.Ordinal);
        if (plan.Assign)
        {
            var welderId = snapshot.Welders[row.Stencil!];
            var refusal = WeldRules.CanAssign(weld.State(component.IsRetired, false), true, row.DateWelded, c.Today);
            if (refusal is not null)
            {
                throw new InvalidOperationException(ImportRowPrefix(row) + refusal);
            }
            var evt = NewEvent(c, weld, WeldEventActions.Assign);
            evt.WelderId = welderId;
            evt.DateWelded = row.DateWelded;
            var wasUndated = weld.DateWelded is null;
            weld.WelderId = welderId;
            weld.DateWelded = row.DateWelded;
            foreach (var (name, value) in WeldRules.AssignEffect())
            {
                targets[name] = value;
            }
            if (wasUndated)
            {
                AddWeldCompletedItem(c, weld, component, drawingNumber, row.Stencil!, snapshot.WelderNames.GetValueOrDefault(row.Stencil!));
            }
        }
        if (plan.RecordNde)
        {
            var date = row.NdeDate ?? c.Today; // IMP-053: the import date when NDE Date is blank.
            var refusal = WeldRules.CanRecordNde(weld.State(component.IsRetired, false), date, null, c.Today);
            if (refusal is not null)
            {
                throw new InvalidOperationException(ImportRowPrefix(row) + refusal);
            }
            WeldCodes.TryParseNdeType(row.NdeType, out var type);
            WeldCodes.TryParseNdeResult(row.NdeResult, out var result);
            var evt = NewEvent(c, weld, WeldEventActions.NdeRecord);
            evt.NdeType = type;
            evt.NdeResult = result;
            foreach (var (name, value) in WeldRules.NdeEffect(weld.NdeResult, result, milestoneNames))
            {
                targets[name] = value;
            }
            weld.NdeType = type;
            weld.NdeResult = result;
            weld.NdeDate = date;
            weld.Status = WeldCodes.StatusFor(result);
        }
        if (targets.Count > 0)
        {
            await milestones.StageAsync(component, targets, c.Stage, ct);
        }
    }

    private static string ImportRowPrefix(ValidWeldLogRow row) => TakeoffRowClassifier.Prefix(row.Row.Number, row.Row.Line);

    /// <summary>WLD-021: the QC notice when the date welded goes from empty to a value (same payload as the assign command).</summary>
    private void AddWeldCompletedItem(CommitContext c, Weld weld, Component component, string? drawingNumber, string stencil, string? welderName) =>
        db.ReviewItems.Add(new ReviewItem
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = c.OrganizationId,
            ProjectId = c.ProjectId,
            Type = ReviewItemTypes.WeldCompleted,
            ComponentId = component.Id,
            Payload = JsonSerializer.Serialize(new
            {
                weldNumber = weld.Number,
                drawing = drawingNumber,
                welderStencil = stencil,
                welderName,
                dateWelded = weld.DateWelded,
                weldType = weld.WeldType.Code(),
                ndeRequired = weld.NdeRequired,
            }),
            Status = ReviewItemTypes.Pending,
            CreatedAt = c.Now.UtcDateTime,
        });

    /// <summary>WLD-059: an event with the weld's current welder, date and NDE as previous and new values (callers set what changes).</summary>
    private WeldEvent NewEvent(CommitContext c, Weld weld, string action)
    {
        var evt = new WeldEvent
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = weld.OrganizationId,
            ProjectId = weld.ProjectId,
            WeldId = weld.Id,
            Action = action,
            WelderId = weld.WelderId,
            PreviousWelderId = weld.WelderId,
            DateWelded = weld.DateWelded,
            PreviousDateWelded = weld.DateWelded,
            NdeType = weld.NdeType,
            PreviousNdeType = weld.NdeType,
            NdeResult = weld.NdeResult,
            PreviousNdeResult = weld.NdeResult,
            UserId = c.UserId,
            OccurredAt = c.Now.UtcDateTime,
            Details = "Field weld import",
        };
        db.WeldEvents.Add(evt);
        return evt;
    }

    /// <summary>WLD-031: every milestone of the project's field weld template (PASS/FAIL set them all).</summary>
    private async Task<IReadOnlyList<string>> FieldWeldMilestonesAsync(Guid projectId, CancellationToken ct)
    {
        var probe = new Component { ProjectId = projectId, Type = ComponentType.FieldWeld };
        var template = await milestones.TemplateForAsync(probe, ct);
        return template.Select(r => r.Name).ToList();
    }

    private async Task<WeldImportSnapshot> SnapshotAsync(Guid projectId, CancellationToken ct)
    {
        var snapshot = new WeldImportSnapshot();
        var drawings = await db.Drawings.AsNoTracking()
            .Where(d => d.ProjectId == projectId)
            .Select(d => new { d.Id, d.Number, d.NormalizedNumber, d.Sheet, d.AreaId, d.SystemId, d.PackageId, Retired = d.RetiredAt != null })
            .ToListAsync(ct);
        var drawingNumbers = drawings.ToDictionary(d => d.Id, d => d.NormalizedNumber);
        foreach (var d in drawings.Where(d => !d.Retired).OrderBy(d => d.Sheet == Drawing.DefaultSheet ? 0 : 1))
        {
            snapshot.Drawings.TryAdd(d.NormalizedNumber, new ImportDrawing(d.Id, d.Number, d.AreaId, d.SystemId, d.PackageId));
        }
        var welders = await db.Welders.AsNoTracking().Where(w => w.ProjectId == projectId).Select(w => new { w.Id, w.Stencil, w.Name }).ToListAsync(ct);
        foreach (var w in welders)
        {
            snapshot.Welders[w.Stencil] = w.Id;
            snapshot.WelderNames[w.Stencil] = w.Name;
        }
        var stencilOf = welders.ToDictionary(w => w.Id, w => w.Stencil);
        var welds = await (
            from w in db.Welds.AsNoTracking()
            join c in db.Components.AsNoTracking() on w.ComponentId equals c.Id
            where w.ProjectId == projectId && c.RetiredAt == null
            select new
            {
                w.Id,
                w.ComponentId,
                c.IdentityKey,
                c.DrawingId,
                w.WeldType,
                w.Size,
                w.Schedule,
                w.Spec,
                w.BaseMetal,
                w.XRayPercent,
                w.WelderId,
                w.DateWelded,
                w.NdeType,
                w.NdeResult,
                w.NdeDate,
            }).ToListAsync(ct);
        foreach (var w in welds)
        {
            snapshot.Welds[w.IdentityKey] = new ExistingWeld(
                w.Id, w.ComponentId, w.DrawingId is { } id ? drawingNumbers.GetValueOrDefault(id) : null, w.WeldType.Code(), w.Size, w.Schedule, w.Spec,
                w.BaseMetal, w.XRayPercent, w.WelderId is { } welderId ? stencilOf.GetValueOrDefault(welderId) : null, w.DateWelded,
                w.NdeType?.Code(), w.NdeResult?.Code(), w.NdeDate);
        }
        var orphans = await db.Components.AsNoTracking()
            .Where(x => x.ProjectId == projectId && x.Type == ComponentType.FieldWeld && x.RetiredAt == null && !db.Welds.Any(w => w.ComponentId == x.Id))
            .Select(x => new { x.Id, x.IdentityKey, x.DrawingId })
            .ToListAsync(ct);
        foreach (var o in orphans)
        {
            snapshot.Orphans.TryAdd(o.IdentityKey, new OrphanWeldComponent(o.Id, o.DrawingId is { } id ? drawingNumbers.GetValueOrDefault(id) : null));
        }
        return snapshot;
    }

    private DateOnly Today(Project project) => new WeldProject(project.Id, project.OrganizationId, project.IsArchived, project.TimeZone).Today(clock.GetUtcNow());

    private WeldImportResult Failure(string error, WeldImportPreview? preview, long started)
    {
        var details = preview?.Errors.Select(r => new ImportRowDetail(r.Row, r.Line, r.Code, r.Message)).ToList() ?? [];
        if (preview is { ColumnErrors.Count: > 0 })
        {
            details.InsertRange(0, preview.ColumnErrors.Select(e => new ImportRowDetail(0, 1, "missing_column", e)));
        }
        return new WeldImportResult(false, 0, 0, 0, 0, (long)clock.GetElapsedTime(started).TotalMilliseconds, null, error, details);
    }

    private void Record(ImportRun run, WeldImportResult result)
    {
        run.ResultJson = JsonSerializer.Serialize(result, ImportCommands.Json);
        run.ComponentsCreated = result.WeldsCreated;
        run.ComponentsUpdated = result.WeldsUpdated;
        run.ComponentsSkipped = result.WeldsSkipped;
        run.Error = result.Error is null ? null : Truncate(result.Error, 2000);
        run.DurationMs = result.DurationMs;
        run.CompletedAt = clock.GetUtcNow().UtcDateTime;
    }

    private static WeldImportView View(ImportRun r) => new(r.Id, r.ProjectId, r.Kind, r.FileName, r.FileSize, ImportCommands.StatusCode(r.Status), r.UserId,
        r.UserName, r.CreatedAt, r.CompletedAt, r.Rows, r.CanImport, r.ComponentsCreated, r.ComponentsUpdated, r.ComponentsSkipped, r.Error, r.DurationMs,
        Deserialize<WeldImportPreview>(r.PreviewJson), Deserialize<WeldImportResult>(r.ResultJson));

    private static T? Deserialize<T>(string? json)
        where T : class
    {
        if (string.IsNullOrEmpty(json) || json == "{}")
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<T>(json, ImportCommands.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
