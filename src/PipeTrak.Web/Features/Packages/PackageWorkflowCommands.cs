using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Packages;

/// <summary>PKG-040..043 certificate fields as entered.</summary>
public sealed record CertificateForm(
    string? Client, string? ClientSpec, string? LineNumber, decimal? TestPressure, string? PressureUnit,
    string? TestMedia, decimal? Temperature, string? TemperatureUnit);

/// <summary>PKG-055: one representative's sign-off as entered.</summary>
public sealed record SignOffInput(string? Role, string? Name, DateOnly? Date);

/// <summary>Certificate (PKG-040..043) and workflow (PKG-050..059) commands.</summary>
public sealed partial class PackageCommands
{
    public const string TemperatureUnitMessage = "Temperature unit must be F, C or K";
    public const string SignOffRoleMessage = "This stage does not take that sign-off";

    /// <summary>PKG-041/042/043: draft accepts any valid subset; submit needs pressure, media and temperature and starts the first stage.</summary>
    public async Task<PackageResult> SaveCertificateAsync(ClaimsPrincipal user, Guid projectId, Guid packageId, CertificateForm form, bool submit, CancellationToken ct)
    {
        var (project, refusal) = await ProjectForWriteAsync(user, projectId, Permission.QualityControl, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var package = await PackageAsync(projectId, packageId, ct);
        if (package is null)
        {
            return PackageResult.NotFound;
        }
        var errors = CertificateRules.Validate(form.TestPressure, form.TestMedia, form.Temperature, form.TemperatureUnit, submit);
        foreach (var (field, value, label) in new[] { ("Client", form.Client, "Client"), ("ClientSpec", form.ClientSpec, "Client spec"), ("LineNumber", form.LineNumber, "Line number") })
        {
            if ((value?.Trim().Length ?? 0) > PackageCertificate.TextMax)
            {
                errors[field] = string.Format(System.Globalization.CultureInfo.InvariantCulture, CertificateRules.TextTooLongMessage, label, PackageCertificate.TextMax);
            }
        }
        var tempUnit = string.IsNullOrWhiteSpace(form.TemperatureUnit) ? "F" : form.TemperatureUnit.Trim().ToUpperInvariant();
        if (tempUnit is not ("F" or "C" or "K"))
        {
            errors["TemperatureUnit"] = TemperatureUnitMessage;
        }
        var pressureUnit = package.PressureUnit;
        if (!string.IsNullOrWhiteSpace(form.PressureUnit) && !PackageRules.TryParseUnit(form.PressureUnit, out pressureUnit))
        {
            errors["PressureUnit"] = PackageRules.UnitMessage;
        }
        if (errors.Count > 0)
        {
            return PackageResult.Invalid(errors);
        }

        var userId = user.RequiredUserId();
        for (var attempt = 1; ; attempt++)
        {
            var certificate = await db.PackageCertificates.SingleOrDefaultAsync(c => c.PackageId == packageId, ct);
            var before = certificate is null ? null : Snapshot(certificate);
            if (certificate is null)
            {
                var numbers = await db.PackageCertificates.Where(c => c.ProjectId == projectId).Select(c => c.Number).ToListAsync(ct);
                certificate = new PackageCertificate
                {
                    Id = Guid.CreateVersion7(),
                    OrganizationId = package.OrganizationId,
                    ProjectId = projectId,
                    PackageId = packageId,
                    Number = CertificateRules.NextNumber(numbers),
                };
                db.PackageCertificates.Add(certificate);
            }
            var wasSubmitted = certificate.Status == CertificateStatus.Submitted;
            certificate.Client = Blank(form.Client);
            certificate.ClientSpec = Blank(form.ClientSpec);
            certificate.LineNumber = Blank(form.LineNumber);
            certificate.TestPressure = form.TestPressure;
            certificate.PressureUnit = pressureUnit;
            certificate.TestMedia = Blank(form.TestMedia);
            certificate.Temperature = form.Temperature;
            certificate.TemperatureUnit = tempUnit;
            certificate.UpdatedAt = Now;
            certificate.UpdatedByUserId = userId;
            certificate.Version = Guid.NewGuid();
            if (submit && !wasSubmitted)
            {
                certificate.Status = CertificateStatus.Submitted;
                certificate.SubmittedAt = Now;
                certificate.SubmittedByUserId = userId;
                var first = await db.PackageStages.Where(s => s.PackageId == packageId).OrderBy(s => s.Number).FirstOrDefaultAsync(ct);
                if (first is { Status: StageStatus.NotStarted })
                {
                    first.Status = StageStatus.InProgress;
                    first.StartedAt = Now;
                    first.Version = Guid.NewGuid();
                }
            }
            // PKG-043: edits after submission are audited with before and after.
            audit.Record(package.OrganizationId, projectId, before is null ? "certificate_created" : "certificate_updated",
                $"{(submit && !wasSubmitted ? "Submitted" : "Saved")} certificate {certificate.Number} of {package.Name}",
                new { packageId, certificate.Number, submitted = certificate.Status == CertificateStatus.Submitted, before, after = Snapshot(certificate) });
            try
            {
                await db.SaveChangesAsync(ct);
                return PackageResult.Ok(submit ? $"Certificate {certificate.Number} submitted" : $"Certificate {certificate.Number} saved as draft", certificate.Id);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Two first saves in one project took the same number (unique index): number again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static object Snapshot(PackageCertificate c) => new
    {
        c.Client,
        c.ClientSpec,
        c.LineNumber,
        c.TestPressure,
        pressureUnit = c.PressureUnit.Code(),
        c.TestMedia,
        c.Temperature,
        c.TemperatureUnit,
        status = c.Status.ToString(),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private async Task<(TestPackage? Package, List<PackageStage> Stages, PackageResult? Refusal)> StagesForWriteAsync(
        ClaimsPrincipal user, Guid projectId, Guid packageId, Permission permission, CancellationToken ct)
    {
        var (_, refusal) = await ProjectForWriteAsync(user, projectId, permission, ct);
        if (refusal is not null)
        {
            return (null, [], refusal);
        }
        var package = await PackageAsync(projectId, packageId, ct);
        if (package is null)
        {
            return (null, [], PackageResult.NotFound);
        }
        var stages = await db.PackageStages.Include(s => s.SignOffs).Where(s => s.PackageId == packageId).OrderBy(s => s.Number).ToListAsync(ct);
        return (package, stages, null);
    }

    /// <summary>PKG-052..054/057: start, complete, skip or reopen one stage, in sequence, against the version the caller saw.</summary>
    public async Task<PackageResult> StageActionAsync(
        ClaimsPrincipal user, Guid projectId, Guid packageId, Guid stageId, StageAction action, string? reason, Guid? version, CancellationToken ct)
    {
        var (package, stages, refusal) = await StagesForWriteAsync(user, projectId, packageId, Permission.QualityControl, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        var index = stages.FindIndex(s => s.Id == stageId);
        if (index < 0)
        {
            return PackageResult.NotFound;
        }
        var stage = stages[index];
        if (version is { } v && v != stage.Version)
        {
            return PackageResult.Conflict(Workflow.ConcurrencyMessage);
        }
        if (Workflow.CanApply([.. stages.Select(s => s.Status)], index, action) is { } message)
        {
            return PackageResult.Conflict(message);
        }
        if (action == StageAction.Complete && Workflow.MissingSignOffs(stage.Kind, stage.SignOffs.Select(s => s.Role)) is { } missing)
        {
            return PackageResult.Invalid("SignOffs", missing);
        }
        if (action == StageAction.Skip && Workflow.ValidateSkip(stage.Kind, reason) is { } skip)
        {
            return PackageResult.Invalid("Reason", skip);
        }
        var before = stage.Status;
        stage.Status = Workflow.After(action);
        switch (action)
        {
            case StageAction.Start:
                stage.StartedAt = Now;
                break;
            case StageAction.Complete:
                stage.StartedAt ??= Now;
                stage.CompletedAt = Now;
                stage.CompletedByUserId = user.RequiredUserId();
                break;
            case StageAction.Skip:
                stage.SkipReason = reason!.Trim();
                stage.CompletedAt = null;
                stage.CompletedByUserId = null;
                break;
            case StageAction.Reopen:
                stage.CompletedAt = null;
                stage.CompletedByUserId = null;
                break;
        }
        stage.Version = Guid.NewGuid();
        audit.Record(package!.OrganizationId, projectId, "stage_" + action.ToString().ToLowerInvariant(), $"{action} {stage.Kind.Name()} of {package.Name}",
            new { packageId, stageId, stage = stage.Kind.Name(), before = before.ToString(), after = stage.Status.ToString(), reason = stage.SkipReason });
        return await SaveStageAsync(stage, $"{stage.Kind.Name()}: {stage.Status.Label()}", ct);
    }

    /// <summary>
    /// PKG-055/056/058: replaces the stage's data and sign-offs (data: QC roles; sign-offs: owner/admin/QC).
    /// A completed stage may be edited without reopening, but keeps its required sign-offs.
    /// </summary>
    public async Task<PackageResult> EditStageAsync(
        ClaimsPrincipal user, Guid projectId, Guid packageId, Guid stageId, IReadOnlyDictionary<string, string?>? data,
        IReadOnlyList<SignOffInput>? signOffs, Guid? version, CancellationToken ct)
    {
        var (package, stages, refusal) = await StagesForWriteAsync(user, projectId, packageId, signOffs is null ? Permission.QualityControl : Permission.RecordSignOffs, ct);
        if (refusal is not null)
        {
            return refusal;
        }
        if (data is not null && !user.Can(Permission.QualityControl))
        {
            return PackageResult.Forbidden($"You don't have permission to {Permission.QualityControl.ActionPhrase()}.");
        }
        var stage = stages.Find(s => s.Id == stageId);
        if (stage is null)
        {
            return PackageResult.NotFound;
        }
        if (version is { } v && v != stage.Version)
        {
            return PackageResult.Conflict(Workflow.ConcurrencyMessage);
        }
        if (stage.Status == StageStatus.Skipped)
        {
            return PackageResult.Conflict(Workflow.InvalidTransitionMessage);
        }
        var beforeData = stage.Data;
        var beforeSignOffs = stage.SignOffs.Select(s => new { role = s.Role.ToString(), s.Name, s.Date }).ToList();
        if (data is not null)
        {
            var (values, errors) = StageData.Validate(stage.Kind, data);
            if (errors.Count > 0)
            {
                return PackageResult.Invalid(errors);
            }
            stage.Data = StageData.Serialize(values);
        }
        if (signOffs is not null)
        {
            var timeZone = await db.Projects.Where(p => p.Id == projectId).Select(p => p.TimeZone).SingleAsync(ct);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc).DateTime);
            var required = Workflow.RequiredSignOffs(stage.Kind);
            var wanted = new Dictionary<SignOffRole, SignOffInput>();
            foreach (var input in signOffs.Where(s => !string.IsNullOrWhiteSpace(s.Name) || s.Date is not null))
            {
                if (!Enum.TryParse<SignOffRole>(input.Role, ignoreCase: true, out var role) || !required.Contains(role))
                {
                    return PackageResult.Invalid("SignOffs", SignOffRoleMessage);
                }
                if (Workflow.ValidateSignOff(input.Name, input.Date, today) is { } invalid)
                {
                    return PackageResult.Invalid("SignOffs", invalid);
                }
                wanted[role] = input;
            }
            if (Workflow.CanEditSignOffs(stage.Kind, stage.Status, wanted.Keys) is { } keep)
            {
                return PackageResult.Invalid("SignOffs", keep);
            }
            var userId = user.RequiredUserId();
            foreach (var existing in stage.SignOffs.Where(s => !wanted.ContainsKey(s.Role)).ToList())
            {
                db.StageSignOffs.Remove(existing);
            }
            foreach (var (role, input) in wanted)
            {
                var row = stage.SignOffs.Find(s => s.Role == role);
                if (row is null)
                {
                    row = new StageSignOff { Id = Guid.CreateVersion7(), OrganizationId = stage.OrganizationId, ProjectId = projectId, StageId = stage.Id, Role = role };
                    db.StageSignOffs.Add(row);
                }
                if (row.Name != input.Name!.Trim() || row.Date != input.Date)
                {
                    row.Name = input.Name.Trim();
                    row.Date = input.Date!.Value;
                    row.RecordedByUserId = userId;
                    row.RecordedAt = Now;
                }
            }
        }
        stage.Version = Guid.NewGuid();
        audit.Record(package!.OrganizationId, projectId, "stage_edited", $"Edited {stage.Kind.Name()} of {package.Name}",
            new
            {
                packageId,
                stageId,
                stage = stage.Kind.Name(),
                before = new { data = beforeData, signOffs = beforeSignOffs },
                after = new { data = stage.Data, signOffs = signOffs?.Select(s => new { s.Role, s.Name, s.Date }) },
            });
        return await SaveStageAsync(stage, $"{stage.Kind.Name()} saved", ct);
    }

    private async Task<PackageResult> SaveStageAsync(PackageStage stage, string message, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return PackageResult.Ok(message, stage.Id);
        }
        catch (DbUpdateConcurrencyException)
        {
            // PKG-059: another change of this stage committed first.
            return PackageResult.Conflict(Workflow.ConcurrencyMessage);
        }
    }
}
