using System.Buffers;
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

    /// <summary>
    /// The database half of the analysis: a parsed file against the project as it is now (IMP-041
    /// outcomes, TRK-070 metadata, IMP-043 drawings, TRK-016 similar drawings). Confirm runs this again
    /// against a fresh snapshot under the project lock even when the parse is reused.
    /// </summary>
    public static TakeoffAnalysis Compare(string fileName, long fileSize, TakeoffParse parse, ProjectSnapshot snapshot)
    {
        if (parse.Plan is not { } plan)
        {
            return new TakeoffAnalysis
            {
                Preview = new ImportPreview(fileName, fileSize, parse.Rows, parse.Delimiter, parse.Mappings, parse.Unmapped, parse.ColumnErrors, 0, 0, 0, [], [],
                    new Dictionary<string, int>(), 0, 0, 0, 0, [], [], [], [], 0, 0, [], false),
            };
        }

        var outcomes = new DraftOutcome[plan.Components.Count];
        int create = 0, update = 0, skip = 0;
        for (var i = 0; i < outcomes.Length; i++)
        {
            var outcome = OutcomeOf(plan.Components[i], snapshot);
            outcomes[i] = outcome;
            switch (outcome)
            {
                case DraftOutcome.Create: create++; break;
                case DraftOutcome.UpdateAggregate: update++; break;
                default: skip++; break;
            }
        }

        var newDrawings = new List<(string Normalized, string Written)>();
        var drawingCount = 0;
        foreach (var drawing in plan.Drawings)
        {
            drawingCount++;
            if (!snapshot.Drawings.ContainsKey(drawing.Normalized))
            {
                newDrawings.Add(drawing);
            }
        }
        var preview = new ImportPreview(
            fileName, fileSize, parse.Rows, parse.Delimiter, parse.Mappings, parse.Unmapped, [],
            parse.ErrorCount, parse.SkippedCount, parse.ValidCount, parse.Errors, parse.Skipped,
            parse.CountsByType, plan.Components.Count, create, update, skip,
            parse.FirstRows,
            plan.Areas.Select(a => new MetadataValue(a, snapshot.Areas.ContainsKey(a))).ToList(),
            plan.Systems.Select(a => new MetadataValue(a, snapshot.Systems.ContainsKey(a))).ToList(),
            plan.TestPackages.Select(a => new MetadataValue(a, snapshot.Packages.ContainsKey(a))).ToList(),
            newDrawings.Count, drawingCount - newDrawings.Count,
            SimilarDrawings(newDrawings.Select(d => d.Written).ToList(), snapshot.Drawings.Keys.ToList()),
            parse.RowsImportable);
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
    public static string AttributesJson(ComponentDraft draft) => new AttributesJsonWriter().Write(draft);

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

/// <summary>
/// IMP-044/TRK-085: writes the attributes JSON of drafts one after another with one reused buffer. The
/// components exploded from one counted row share their attributes, so their text is made once.
/// </summary>
public sealed class AttributesJsonWriter
{
    private readonly ArrayBufferWriter<byte> buffer = new(1024);
    private readonly Utf8JsonWriter json;
    private IReadOnlyDictionary<string, string>? lastAttributes;
    private string? lastWeldType;
    private string lastText = "";

    // The writer's calls are always well-formed here, so its per-call validation is skipped (the output is the same).
    public AttributesJsonWriter() => json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });

    public string Write(ComponentDraft draft)
    {
        if (draft.TotalLinearFeet is null && ReferenceEquals(draft.Attributes, lastAttributes) && draft.WeldType == lastWeldType)
        {
            return lastText;
        }
        buffer.ResetWrittenCount();
        json.Reset(buffer);
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
        json.Flush();
        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        (lastAttributes, lastWeldType, lastText) = draft.TotalLinearFeet is null ? (draft.Attributes, draft.WeldType, text) : (null, null, "");
        return text;
    }
}
