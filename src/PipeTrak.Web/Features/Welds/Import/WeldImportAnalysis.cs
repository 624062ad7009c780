using PipeTrak.Web.Features.Imports;

namespace PipeTrak.Web.Features.Welds.Import;

/// <summary>A non-retired drawing a weld row can name (IMP-051), with what a new weld inherits from it (IMP-053).</summary>
public sealed record ImportDrawing(Guid Id, string Number, Guid? AreaId, Guid? SystemId, Guid? PackageId);

/// <summary>An existing non-retired weld (IMP-054) as the import compares it: codes upper-case, blanks as empty strings.</summary>
public sealed record ExistingWeld(
    Guid WeldId,
    Guid ComponentId,
    string? Drawing,
    string WeldType,
    string Size,
    string Schedule,
    string Spec,
    string BaseMetal,
    decimal XRayPercent,
    string? Stencil,
    DateOnly? DateWelded,
    string? NdeType,
    string? NdeResult,
    DateOnly? NdeDate);

/// <summary>A field_weld component without its weld record (a takeoff Field_Weld row): the import completes it (WLD-001).</summary>
public sealed record OrphanWeldComponent(Guid ComponentId, string? Drawing);

/// <summary>The project data a weld log is compared with.</summary>
public sealed class WeldImportSnapshot
{
    /// <summary>Normalized number → the non-retired drawing (sheet 1 preferred).</summary>
    public Dictionary<string, ImportDrawing> Drawings { get; } = new(StringComparer.Ordinal);

    /// <summary>Weld identity key (TRK-010) → the non-retired weld.</summary>
    public Dictionary<string, ExistingWeld> Welds { get; } = new(StringComparer.Ordinal);

    /// <summary>Weld identity key → a non-retired field_weld component without a weld record.</summary>
    public Dictionary<string, OrphanWeldComponent> Orphans { get; } = new(StringComparer.Ordinal);

    /// <summary>Stencil (upper-case) → welder id.</summary>
    public Dictionary<string, Guid> Welders { get; } = new(StringComparer.Ordinal);

    /// <summary>Stencil → welder name (for the WLD-021 notice).</summary>
    public Dictionary<string, string> WelderNames { get; } = new(StringComparer.Ordinal);
}

public enum WeldRowAction
{
    /// <summary>A new weld number: component + weld record (IMP-053).</summary>
    Create = 1,

    /// <summary>Data the weld lacks is applied through the command rules (IMP-054).</summary>
    Update,

    /// <summary>Identical data: nothing to do (IMP-054).</summary>
    Skip,

    /// <summary>Differs from non-blank current values: skipped with a notice (IMP-054).</summary>
    Differs,
}

/// <summary>What one valid row does at commit: its action and which commands it runs (WLD-020 assign, WLD-030 record NDE).</summary>
public sealed record WeldRowPlan(ValidWeldLogRow Row, WeldRowAction Action, bool Assign, bool RecordNde, ExistingWeld? Existing = null, OrphanWeldComponent? Orphan = null);

public sealed record WeldPreviewRow(int Row, string WeldNumber, string Drawing, string WeldType, string? Stencil, string? DateWelded, string? NdeResult, string Action);

/// <summary>IMP-030 for a weld log: what an upload would do. Serialized on the import run.</summary>
public sealed record WeldImportPreview(
    string FileName,
    long FileSize,
    int Rows,
    string? Delimiter,
    IReadOnlyList<MappingView> Mappings,
    IReadOnlyList<string> Unmapped,
    IReadOnlyList<string> ColumnErrors,
    int ErrorCount,
    IReadOnlyList<RowMessage> Errors,
    int NewCount,
    int UpdateCount,
    int SkipCount,
    IReadOnlyList<RowMessage> Differs,
    IReadOnlyList<string> NewWelders,
    IReadOnlyList<WeldPreviewRow> FirstRows,
    bool CanImport)
{
    /// <summary>IMP-032: what must be unchanged between preview and confirm.</summary>
    public string Fingerprint() => string.Join('|', CanImport, ErrorCount, NewCount, UpdateCount, SkipCount, Differs.Count, string.Join(',', NewWelders));
}

/// <summary>
/// IMP-050..054 analysis of one weld log against a project snapshot: pure, used by upload (preview) and
/// again by confirm (IMP-032). Header mapping per IMP-011/IMP-050, row validation per IMP-051,
/// classification of existing weld numbers per IMP-054.
/// </summary>
public sealed class WeldImportAnalysis
{
    public const int MaxMessagesShown = 200;
    public const int FirstRowsShown = 10;

    /// <summary>"Did you mean": trigram similarity (TRK-016 trigrams) at least this much.</summary>
    public const double SuggestionThreshold = 0.3;

    private const long MaxSimilarityPairs = 5_000_000;

    public required WeldImportPreview Preview { get; init; }

    /// <summary>One plan per valid row, in file order (empty when the file cannot be imported).</summary>
    public IReadOnlyList<WeldRowPlan> Plans { get; init; } = [];

    /// <summary>Stencils without a welder, in order of first appearance (IMP-053).</summary>
    public IReadOnlyList<string> NewWelders { get; init; } = [];

    public static WeldImportAnalysis Analyze(string fileName, long fileSize, SheetReadResult sheet, WeldImportSnapshot snapshot, DateOnly today)
    {
        var mapping = HeaderMapping.Map(sheet.Headers.Cast<string?>().ToList(), WeldLogColumns.Fields);
        var mappings = mapping.Mappings.Select(m => new MappingView(m.Field, m.Header, m.Score)).ToList();
        var unmapped = mapping.Unmapped.Select(u => u.Header).ToList();
        var delimiter = sheet.Delimiter switch { null => null, '\t' => "tab", { } d => d.ToString() };
        if (mapping.HasErrors)
        {
            return new WeldImportAnalysis
            {
                Preview = new WeldImportPreview(fileName, fileSize, sheet.Rows.Count, delimiter, mappings, unmapped, mapping.Errors, 0, [], 0, 0, 0, [], [], [], false),
            };
        }

        var existingNumbers = snapshot.Drawings.Keys.ToList();
        var suggestions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var validator = new WeldLogValidator(today, snapshot.Drawings.ContainsKey, d =>
        {
            if (!suggestions.TryGetValue(d, out var similar))
            {
                similar = Suggest(d, existingNumbers);
                suggestions[d] = similar;
            }
            return similar;
        });
        var errors = new List<RowMessage>();
        var errorCount = 0;
        var plans = new List<WeldRowPlan>();
        foreach (var sheetRow in sheet.Rows)
        {
            var (valid, error) = validator.Validate(ToRow(sheetRow, mapping));
            if (error is not null)
            {
                errorCount++;
                if (errors.Count < MaxMessagesShown)
                {
                    errors.Add(new RowMessage(error.Number, error.Line, "invalid_row", error.Message));
                }
                continue;
            }
            plans.Add(Classify(valid!, snapshot.Welds.GetValueOrDefault(valid!.WeldNumber), snapshot.Orphans.GetValueOrDefault(valid.WeldNumber)));
        }
        var canImport = errorCount == 0;
        var newWelders = canImport ? NewStencils(plans, snapshot.Welders) : [];
        var differs = plans.Where(p => p.Action == WeldRowAction.Differs)
            .Select(p => new RowMessage(p.Row.Row.Number, p.Row.Row.Line, "differs", ImportFileRules.DiffersMessage(p.Row.Row.Number)))
            .ToList();
        var preview = new WeldImportPreview(
            fileName, fileSize, sheet.Rows.Count, delimiter, mappings, unmapped, [],
            errorCount, errors,
            plans.Count(p => p.Action == WeldRowAction.Create),
            plans.Count(p => p.Action == WeldRowAction.Update),
            plans.Count(p => p.Action is WeldRowAction.Skip or WeldRowAction.Differs),
            differs.Take(MaxMessagesShown).ToList(),
            newWelders,
            plans.Take(FirstRowsShown).Select(p => new WeldPreviewRow(
                p.Row.Row.Number, p.Row.Row.WeldId!.Trim(), p.Row.Row.Drawing!.Trim(), p.Row.WeldType, p.Row.Stencil,
                p.Row.DateWelded?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), p.Row.NdeResult, ActionLabel(p.Action))).ToList(),
            canImport);
        return new WeldImportAnalysis { Preview = preview, Plans = canImport ? plans : [], NewWelders = newWelders };
    }

    public static string ActionLabel(WeldRowAction action) => action switch
    {
        WeldRowAction.Create => "new",
        WeldRowAction.Update => "updated",
        _ => "skipped",
    };

    /// <summary>
    /// IMP-053/054. A new weld number creates a weld (assigning and recording NDE as the row says). An
    /// existing weld: any row value that differs from a non-blank current value (drawing, weld type,
    /// size, schedule, spec, base metal, x-ray, welder, date welded, NDE type, result or date) makes the
    /// row <see cref="WeldRowAction.Differs"/>; otherwise the data the weld lacks (welder + date, NDE) is
    /// applied (<see cref="WeldRowAction.Update"/>), and with nothing lacking the row is skipped.
    /// </summary>
    public static WeldRowPlan Classify(ValidWeldLogRow row, ExistingWeld? existing, OrphanWeldComponent? orphan = null)
    {
        if (existing is null)
        {
            if (orphan?.Drawing is { } orphanDrawing && orphanDrawing != row.Drawing)
            {
                return new WeldRowPlan(row, WeldRowAction.Differs, false, false, Orphan: orphan);
            }
            return new WeldRowPlan(row, WeldRowAction.Create, row.Stencil is not null, row.NdeResult is not null, Orphan: orphan);
        }
        var source = row.Row;
        var differs =
            Differs(existing.Drawing, row.Drawing)
            || Differs(existing.WeldType, row.WeldType)
            || DiffersText(existing.Size, source.Size)
            || DiffersText(existing.Schedule, source.Schedule)
            || DiffersText(existing.Spec, source.Spec)
            || DiffersText(existing.BaseMetal, source.BaseMetal)
            || (row.XRayPercent is { } xRay && xRay != existing.XRayPercent)
            || Differs(existing.Stencil, row.Stencil)
            || (existing.DateWelded is { } welded && row.DateWelded is { } date && welded != date)
            || (existing.NdeResult is not null && row.NdeResult is not null
                && (existing.NdeResult != row.NdeResult || existing.NdeType != row.NdeType || (row.NdeDate is { } ndeDate && existing.NdeDate != ndeDate)));
        if (differs)
        {
            return new WeldRowPlan(row, WeldRowAction.Differs, false, false, existing);
        }
        var assign = row.Stencil is not null && existing.Stencil is null;
        var recordNde = row.NdeResult is not null && existing.NdeResult is null;
        return new WeldRowPlan(row, assign || recordNde ? WeldRowAction.Update : WeldRowAction.Skip, assign, recordNde, existing);
    }

    /// <summary>
    /// IMP-051 "Did you mean": up to 3 existing normalized drawing numbers most similar to the unknown one
    /// (trigram similarity, TRK-016 trigrams, at least <see cref="SuggestionThreshold"/>), best first, ties by number.
    /// </summary>
    public static IReadOnlyList<string> Suggest(string normalized, IReadOnlyList<string> existing)
    {
        if (existing.Count == 0 || (long)existing.Count > MaxSimilarityPairs)
        {
            return [];
        }
        var mine = TakeoffAnalysis.Trigrams(normalized);
        return existing
            .Select(e => (Number: e, Score: TakeoffAnalysis.Similarity(mine, TakeoffAnalysis.Trigrams(e))))
            .Where(x => x.Score >= SuggestionThreshold)
            .OrderByDescending(x => x.Score).ThenBy(x => x.Number, StringComparer.Ordinal)
            .Take(3)
            .Select(x => x.Number)
            .ToList();
    }

    /// <summary>IMP-053: stencils the project has no welder for, once each, in order of first appearance (only rows that assign).</summary>
    public static IReadOnlyList<string> NewStencils(IEnumerable<WeldRowPlan> plans, IReadOnlyDictionary<string, Guid> welders)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var plan in plans)
        {
            if (plan.Assign && plan.Row.Stencil is { } stencil && !welders.ContainsKey(stencil) && seen.Add(stencil))
            {
                result.Add(stencil);
            }
        }
        return result;
    }

    private static bool Differs(string? current, string? value) => current is not null && value is not null && current != value;

    /// <summary>Free-text specs compare trimmed and ignoring case; blank on either side is never a difference.</summary>
    private static bool DiffersText(string current, string? value) =>
        !string.IsNullOrWhiteSpace(current) && !string.IsNullOrWhiteSpace(value)
        && !string.Equals(current.Trim(), value.Trim(), StringComparison.OrdinalIgnoreCase);

    private static Imports.WeldLogRow ToRow(SheetRow row, HeaderMappingResult mapping)
    {
        string? Cell(int field)
        {
            var column = mapping.ColumnOf(WeldLogColumns.Fields[field].Name);
            return column >= 0 && column < row.Cells.Length ? row.Cells[column] : null;
        }
        // IMP-050 field order: 0 Weld ID, 1 Drawing, 2 Weld Type, 3 SPEC, 4 Weld Size, 5 Schedule, 6 Base Metal,
        // 7 X-RAY %, 8 Welder Stencil, 9 Date Welded, 10 NDE type, 11 NDE Result, 12 NDE Date, 13 Comments.
        return new Imports.WeldLogRow(row.Number, row.Line, Cell(0), Cell(1), Cell(2), Cell(7), Cell(8), Cell(9), Cell(10), Cell(11), Cell(12),
            Cell(3), Cell(4), Cell(5), Cell(6), Cell(13));
    }
}
