using System.Globalization;
using System.Text;
using System.Text.Json;
using PipeTrak.Web.Features.Components;

namespace PipeTrak.Web.Features.Imports;

public sealed record MappingView(string Field, string Header, int Score);

public sealed record RowMessage(int Row, int Line, string Code, string Message);

/// <summary>Rows of one IMP-020 code; <c>rows</c> lists at most <see cref="TakeoffAnalysis.MaxRowsPerGroup"/>.</summary>
public sealed record RowGroup(string Code, int Count, IReadOnlyList<RowMessage> Rows);

public sealed record MetadataValue(string Name, bool Exists);

public sealed record NewDrawing(string Number, IReadOnlyList<string> Similar);

public sealed record PreviewRow(int Row, int Line, string Drawing, string Type, string Qty, string CmdtyCode, string? Size, string? Area, string? System, string? TestPackage);

/// <summary>IMP-030: what an upload would do. Serialized on the import run so confirm and the page need no re-parse.</summary>
public sealed record ImportPreview(
    string FileName,
    long FileSize,
    int Rows,
    string? Delimiter,
    IReadOnlyList<MappingView> Mappings,
    IReadOnlyList<string> Unmapped,
    IReadOnlyList<string> ColumnErrors,
    int ErrorCount,
    int SkippedCount,
    int ValidCount,
    IReadOnlyList<RowGroup> Errors,
    IReadOnlyList<RowGroup> Skipped,
    IReadOnlyDictionary<string, int> CountsByType,
    int ComponentCount,
    int ComponentsToCreate,
    int ComponentsToUpdate,
    int ComponentsToSkip,
    IReadOnlyList<PreviewRow> FirstRows,
    IReadOnlyList<MetadataValue> Areas,
    IReadOnlyList<MetadataValue> Systems,
    IReadOnlyList<MetadataValue> TestPackages,
    int DrawingsToCreate,
    int DrawingsToMatch,
    IReadOnlyList<NewDrawing> NewDrawings,
    bool CanImport)
{
    /// <summary>IMP-032: what must be unchanged between preview and confirm.</summary>
    public string Fingerprint() => string.Join('|',
        CanImport, ErrorCount, ValidCount, ComponentCount, ComponentsToCreate, ComponentsToUpdate, ComponentsToSkip, DrawingsToCreate,
        string.Join(',', Areas.Where(a => !a.Exists).Select(a => a.Name)),
        string.Join(',', Systems.Where(a => !a.Exists).Select(a => a.Name)),
        string.Join(',', TestPackages.Where(a => !a.Exists).Select(a => a.Name)));
}

/// <summary>An existing non-retired component, by (type, identity). Aggregates carry their current LF and lines.</summary>
public sealed record ExistingComponent(Guid Id, decimal? TotalLinearFeet, string? LineNumbers);

/// <summary>The project data a takeoff is compared with (TRK-070 names ignoring case, IMP-043 drawings, IMP-041 components).</summary>
public sealed class ProjectSnapshot
{
    public Dictionary<string, Guid> Areas { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, Guid> Systems { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, Guid> Packages { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Normalized number → id of the non-retired drawing with sheet 1.</summary>
    public Dictionary<string, Guid> Drawings { get; } = new(StringComparer.Ordinal);
    public Dictionary<(ComponentType, string), ExistingComponent> Components { get; } = [];
}

/// <summary>What a component draft becomes at commit (IMP-041).</summary>
public enum DraftOutcome
{
    Create = 1,
    UpdateAggregate,
    Skip,
}

/// <summary>IMP-030 analysis of one takeoff file against a project snapshot: pure, used by upload and again by confirm.</summary>
public sealed class TakeoffAnalysis
{
    public const int MaxRowsPerGroup = 100;
    public const int FirstRowsShown = 10;

    /// <summary>TRK-016: trigram similarity above this warns.</summary>
    public const double SimilarityThreshold = 0.85;

    private const long MaxSimilarityPairs = 2_000_000;

    public required ImportPreview Preview { get; init; }
    public TakeoffPlan? Plan { get; init; }

    /// <summary>Per plan component (same order), what commit will do.</summary>
    public IReadOnlyList<DraftOutcome> Outcomes { get; init; } = [];

    public static TakeoffAnalysis Analyze(string fileName, long fileSize, SheetReadResult sheet, ProjectSnapshot snapshot)
    {
        var mapping = HeaderMapping.Map(sheet.Headers.Cast<string?>().ToList(), TakeoffColumns.Fields);
        var mappings = mapping.Mappings.Select(m => new MappingView(m.Field, m.Header, m.Score)).ToList();
        var unmapped = mapping.Unmapped.Select(u => u.Header).ToList();
        var delimiter = sheet.Delimiter switch { null => null, '\t' => "tab", { } d => d.ToString() };
        if (mapping.HasErrors)
        {
            return new TakeoffAnalysis
            {
                Preview = new ImportPreview(fileName, fileSize, sheet.Rows.Count, delimiter, mappings, unmapped, mapping.Errors, 0, 0, 0, [], [],
                    new Dictionary<string, int>(), 0, 0, 0, 0, [], [], [], [], 0, 0, [], false),
            };
        }

        var classifier = new TakeoffRowClassifier();
        var classified = new List<RowClassification>(sheet.Rows.Count);
        foreach (var row in sheet.Rows)
        {
            classified.Add(classifier.Classify(ToTakeoffRow(row, mapping)));
        }
        var plan = TakeoffPlan.Build(classified);
        var errors = Group(classified, RowClass.Error);
        var skipped = Group(classified, RowClass.Skipped);
        var errorCount = classified.Count(c => c.Class == RowClass.Error);
        var skippedCount = classified.Count(c => c.Class == RowClass.Skipped);
        var validCount = classified.Count - errorCount - skippedCount;

        var outcomes = new List<DraftOutcome>(plan.Components.Count);
        int create = 0, update = 0, skip = 0;
        foreach (var draft in plan.Components)
        {
            var outcome = OutcomeOf(draft, snapshot);
            outcomes.Add(outcome);
            switch (outcome)
            {
                case DraftOutcome.Create: create++; break;
                case DraftOutcome.UpdateAggregate: update++; break;
                default: skip++; break;
            }
        }

        var newDrawings = plan.Drawings.Where(d => !snapshot.Drawings.ContainsKey(d.Normalized)).ToList();
        var preview = new ImportPreview(
            fileName, fileSize, sheet.Rows.Count, delimiter, mappings, unmapped, [],
            errorCount, skippedCount, validCount, errors, skipped,
            plan.CountsByType(), plan.Components.Count, create, update, skip,
            classified.Where(c => c.Class == RowClass.Valid).Take(FirstRowsShown).Select(c => new PreviewRow(
                c.Row.Number, c.Row.Line, c.Row.Drawing!, c.Type!.Value.ImportName(), c.Row.Qty!, c.Row.CmdtyCode!, c.Row.Size, c.Row.Area, c.Row.System, c.Row.TestPackage)).ToList(),
            plan.Areas.Select(a => new MetadataValue(a, snapshot.Areas.ContainsKey(a))).ToList(),
            plan.Systems.Select(a => new MetadataValue(a, snapshot.Systems.ContainsKey(a))).ToList(),
            plan.TestPackages.Select(a => new MetadataValue(a, snapshot.Packages.ContainsKey(a))).ToList(),
            newDrawings.Count, plan.Drawings.Count() - newDrawings.Count,
            SimilarDrawings(newDrawings.Select(d => d.Written).ToList(), snapshot.Drawings.Keys.ToList()),
            TakeoffRowClassifier.CanImport(false, classified));
        return new TakeoffAnalysis { Preview = preview, Plan = plan, Outcomes = outcomes };
    }

    /// <summary>IMP-041: existing non-retired (type, identity) → skipped; an aggregate is updated when its LF or lines change (TRK-087).</summary>
    private static DraftOutcome OutcomeOf(ComponentDraft draft, ProjectSnapshot snapshot)
    {
        if (!snapshot.Components.TryGetValue((draft.Type, draft.Identity), out var existing))
        {
            return DraftOutcome.Create;
        }
        if (!draft.Type.IsAggregate())
        {
            return DraftOutcome.Skip;
        }
        var sameLines = existing.LineNumbers == LineNumbersText(draft.LineNumbers);
        return existing.TotalLinearFeet == draft.TotalLinearFeet && sameLines ? DraftOutcome.Skip : DraftOutcome.UpdateAggregate;
    }

    public static string LineNumbersText(IReadOnlyList<int>? lines) =>
        lines is null ? "" : string.Join(',', lines.Select(l => l.ToString(CultureInfo.InvariantCulture)));

    private static TakeoffRow ToTakeoffRow(SheetRow row, HeaderMappingResult mapping)
    {
        string? Cell(string field)
        {
            var column = mapping.ColumnOf(field);
            return column >= 0 && column < row.Cells.Length ? row.Cells[column] : null;
        }
        Dictionary<string, string?>? extras = null;
        foreach (var column in mapping.Unmapped)
        {
            if (column.Column < row.Cells.Length && row.Cells[column.Column] is { } value)
            {
                extras ??= new Dictionary<string, string?>(StringComparer.Ordinal);
                extras[column.Header] = value;
            }
        }
        return new TakeoffRow(row.Number, row.Line,
            Cell(TakeoffColumns.Drawing), Cell(TakeoffColumns.Type), Cell(TakeoffColumns.Qty), Cell(TakeoffColumns.CmdtyCode),
            Cell(TakeoffColumns.Size), Cell(TakeoffColumns.WeldType), extras,
            Cell(TakeoffColumns.Spec), Cell(TakeoffColumns.Description), Cell(TakeoffColumns.Comments),
            Cell(TakeoffColumns.Area), Cell(TakeoffColumns.System), Cell(TakeoffColumns.TestPackage));
    }

    private static List<RowGroup> Group(List<RowClassification> rows, RowClass rowClass) =>
        rows.Where(r => r.Class == rowClass)
            .GroupBy(r => r.Code!, StringComparer.Ordinal)
            .Select(g => new RowGroup(g.Key, g.Count(), g.Take(MaxRowsPerGroup).Select(r => new RowMessage(r.Row.Number, r.Row.Line, r.Code!, r.Message!)).ToList()))
            .ToList();

    /// <summary>TRK-016: up to 3 existing drawings with trigram similarity above 0.85, per new drawing.</summary>
    private static List<NewDrawing> SimilarDrawings(List<string> newNumbers, List<string> existing)
    {
        var compare = (long)newNumbers.Count * existing.Count <= MaxSimilarityPairs;
        var existingTrigrams = compare ? existing.Select(e => (e, Trigrams(e))).ToList() : [];
        var result = new List<NewDrawing>(newNumbers.Count);
        foreach (var number in newNumbers)
        {
            if (!compare)
            {
                result.Add(new NewDrawing(number, []));
                continue;
            }
            var mine = Trigrams(DrawingNumber.Normalize(number));
            var similar = existingTrigrams
                .Select(e => (e.e, Score: Similarity(mine, e.Item2)))
                .Where(x => x.Score > SimilarityThreshold)
                .OrderByDescending(x => x.Score).ThenBy(x => x.e, StringComparer.Ordinal)
                .Take(3).Select(x => x.e).ToList();
            result.Add(new NewDrawing(number, similar));
        }
        return result;
    }

    /// <summary>pg_trgm-style trigrams: each word padded with two spaces before and one after, lower-cased.</summary>
    public static HashSet<string> Trigrams(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var padded = "  " + word + " ";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                set.Add(padded.Substring(i, 3));
            }
        }
        return set;
    }

    public static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var common = a.Count(b.Contains);
        return (double)common / (a.Count + b.Count - common);
    }

    /// <summary>IMP-044/TRK-085: the attributes JSON of a draft (aggregates add total_linear_feet and line_numbers).</summary>
    public static string AttributesJson(ComponentDraft draft)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (key, value) in draft.Attributes)
            {
                json.WriteString(key, value);
            }
            if (draft.WeldType is { } weldType)
            {
                json.WriteString("weld_type", weldType);
                json.WriteNumber("xray_percent", 5); // IMP-045
            }
            if (draft.TotalLinearFeet is { } lf)
            {
                json.WriteNumber("total_linear_feet", lf);
                json.WriteStartArray("line_numbers");
                foreach (var line in draft.LineNumbers ?? [])
                {
                    json.WriteNumberValue(line);
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads total_linear_feet and line_numbers back from stored attributes (tolerant).</summary>
    public static (decimal? TotalLinearFeet, string LineNumbers) AggregateOf(string attributes)
    {
        try
        {
            using var doc = JsonDocument.Parse(attributes);
            decimal? lf = doc.RootElement.TryGetProperty("total_linear_feet", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDecimal() : null;
            var lines = doc.RootElement.TryGetProperty("line_numbers", out var l) && l.ValueKind == JsonValueKind.Array
                ? string.Join(',', l.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Number).Select(e => e.GetInt32().ToString(CultureInfo.InvariantCulture)))
                : "";
            return (lf, lines);
        }
        catch (JsonException)
        {
            return (null, "");
        }
    }

    /// <summary>TRK-087: replaces total_linear_feet and line_numbers (and original_qty) in stored attributes, keeping the rest.</summary>
    public static string ReplaceAggregate(string attributes, ComponentDraft draft)
    {
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(attributes);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    values[p.Name] = p.Value.Clone();
                }
            }
        }
        catch (JsonException)
        {
            // Unreadable attributes are rebuilt from the file below.
        }
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (key, value) in values)
            {
                if (key is "total_linear_feet" or "line_numbers" or "original_qty")
                {
                    continue;
                }
                json.WritePropertyName(key);
                value.WriteTo(json);
            }
            json.WriteString("original_qty", draft.Attributes.GetValueOrDefault("original_qty") ?? "");
            json.WriteNumber("total_linear_feet", draft.TotalLinearFeet ?? 0);
            json.WriteStartArray("line_numbers");
            foreach (var line in draft.LineNumbers ?? [])
            {
                json.WriteNumberValue(line);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
