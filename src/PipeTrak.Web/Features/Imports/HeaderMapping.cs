namespace PipeTrak.Web.Features.Imports;

/// <summary>A column an import understands: its canonical header, whether it is required, and its synonyms.</summary>
public sealed record ImportField(string Name, bool Required, IReadOnlyList<string> Synonyms);

/// <summary>IMP-010/IMP-012: takeoff columns and their synonyms.</summary>
public static class TakeoffColumns
{
    public const string Drawing = "DRAWING";
    public const string Type = "TYPE";
    public const string Qty = "QTY";
    public const string CmdtyCode = "CMDTY CODE";
    public const string Size = "SIZE";
    public const string Spec = "SPEC";
    public const string Description = "DESCRIPTION";
    public const string Comments = "COMMENTS";
    public const string Area = "AREA";
    public const string System = "SYSTEM";
    public const string TestPackage = "TEST_PACKAGE";
    public const string WeldType = "WELD TYPE";

    public static readonly IReadOnlyList<ImportField> Fields =
    [
        new(Drawing, true, ["DRAWINGS", "DRAWING NUMBER", "DWG", "DWG NO", "DWG NUM"]),
        new(Type, true, []),
        new(Qty, true, ["QUANTITY", "COUNT", "CNT"]),
        new(CmdtyCode, true, ["COMMODITY CODE", "CMDTY", "COMMODITY", "CODE", "PART CODE"]),
        new(Size, false, ["NOM SIZE", "NOMINAL SIZE", "NOMSIZE"]),
        new(Spec, false, ["SPECIFICATION", "MATERIAL SPEC", "MAT SPEC"]),
        new(Description, false, []),
        new(Comments, false, ["COMMENT", "NOTES", "NOTE", "REMARKS"]),
        new(Area, false, ["AREAS", "LOCATION", "ZONE"]),
        new(System, false, ["SYSTEMS", "SYS"]),
        new(TestPackage, false, ["TEST PACKAGE", "TEST PKG", "PKG", "PACKAGE"]),
        new(WeldType, false, ["JOINT TYPE"]),
    ];
}

/// <summary>IMP-050: field weld log columns (scored like IMP-011); the first three are required.</summary>
public static class WeldLogColumns
{
    public static readonly IReadOnlyList<ImportField> Fields =
    [
        new("Weld ID Number", true, ["WELD ID", "WELD NO", "WELD #", "WELD NUMBER", "JOINT NO"]),
        new("Drawing / Isometric Number", true, ["DRAWING", "DRAWING NUMBER", "DWG", "DWG NO", "ISOMETRIC", "ISO"]),
        new("Weld Type", true, ["JOINT TYPE"]),
        new("SPEC", false, ["SPECIFICATION", "LINE CLASS"]),
        new("Weld Size", false, ["SIZE", "NPS"]),
        new("Schedule", false, ["SCH"]),
        new("Base Metal", false, ["MATERIAL"]),
        new("X-RAY %", false, ["RT %", "XRAY %", "X-RAY", "NDE %"]),
        new("Welder Stencil", false, ["STENCIL", "WELDER", "WELDER ID"]),
        new("Date Welded", false, ["WELD DATE"]),
        new("Type of NDE Performed", false, ["NDE TYPE", "NDE METHOD"]),
        new("NDE Result", false, ["RESULT", "NDE STATUS"]),
        new("NDE Date", false, ["DATE OF NDE"]),
        new("Comments", false, ["NOTES", "REMARKS"]),
    ];
}

/// <summary>One mapped column: the field, the column's position and header as written, and its IMP-011 score.</summary>
public sealed record ColumnMapping(string Field, int Column, string Header, int Score);

/// <summary>An unmapped column, kept verbatim in attributes (IMP-010).</summary>
public sealed record UnmappedColumn(int Column, string Header);

public sealed record HeaderMappingResult(
    IReadOnlyList<ColumnMapping> Mappings,
    IReadOnlyList<UnmappedColumn> Unmapped,
    IReadOnlyList<string> Errors)
{
    public bool HasErrors => Errors.Count > 0;

    /// <summary>The column index of a field, or -1 when unmapped.</summary>
    public int ColumnOf(string field)
    {
        foreach (var m in Mappings)
        {
            if (m.Field == field)
            {
                return m.Column;
            }
        }
        return -1;
    }
}

/// <summary>IMP-011 header scoring, IMP-013 missing required columns.</summary>
public static class HeaderMapping
{
    public const int ExactScore = 100;
    public const int IgnoreCaseScore = 95;
    public const int SynonymScore = 85;

    public static string MissingColumnMessage(string field) => $"Missing required column: {field}";

    /// <summary>IMP-011: trailing <c>*</c> <c>+</c> <c>!</c> <c>#</c> are stripped and the header is trimmed.</summary>
    public static string Clean(string? header)
    {
        var text = (header ?? "").AsSpan().Trim();
        while (text.Length > 0 && (text[^1] is '*' or '+' or '!' or '#' || char.IsWhiteSpace(text[^1])))
        {
            text = text[..^1];
        }
        return text.Trim().ToString();
    }

    /// <summary>
    /// IMP-011: 100 for an exact match, 95 ignoring case, 85 for a synonym (ignoring case), 0 otherwise.
    /// The header is scored cleaned and, so that a synonym such as <c>WELD #</c> (IMP-050) still
    /// matches, also as written (trimmed); the better score counts.
    /// </summary>
    public static int Score(string? header, ImportField field)
    {
        var trimmed = (header ?? "").Trim();
        var cleaned = Clean(header);
        return Math.Max(ScoreOne(cleaned, field), cleaned == trimmed ? 0 : ScoreOne(trimmed, field));
    }

    private static int ScoreOne(string header, ImportField field)
    {
        if (header.Length == 0)
        {
            return 0;
        }
        if (string.Equals(header, field.Name, StringComparison.Ordinal))
        {
            return ExactScore;
        }
        if (string.Equals(header, field.Name, StringComparison.OrdinalIgnoreCase))
        {
            return IgnoreCaseScore;
        }
        foreach (var synonym in field.Synonyms)
        {
            if (string.Equals(header, synonym, StringComparison.OrdinalIgnoreCase))
            {
                return SynonymScore;
            }
        }
        return 0;
    }

    /// <summary>
    /// IMP-011: each field takes its best-scoring header, ties going to the leftmost, and a header maps
    /// to at most one field (pairs are taken best score first, then field order, then leftmost column).
    /// IMP-013: each required field without a header gives "Missing required column: {FIELD}".
    /// Columns with a blank header are neither mapped nor kept.
    /// </summary>
    public static HeaderMappingResult Map(IReadOnlyList<string?> headers, IReadOnlyList<ImportField> fields)
    {
        var candidates = new List<(int Score, int Field, int Column)>();
        for (var f = 0; f < fields.Count; f++)
        {
            for (var c = 0; c < headers.Count; c++)
            {
                var score = Score(headers[c], fields[f]);
                if (score > 0)
                {
                    candidates.Add((score, f, c));
                }
            }
        }
        candidates.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Field != b.Field ? a.Field.CompareTo(b.Field) : a.Column.CompareTo(b.Column));

        var fieldColumn = new int[fields.Count];
        Array.Fill(fieldColumn, -1);
        var fieldScore = new int[fields.Count];
        var usedColumns = new bool[headers.Count];
        foreach (var (score, f, c) in candidates)
        {
            if (fieldColumn[f] < 0 && !usedColumns[c])
            {
                fieldColumn[f] = c;
                fieldScore[f] = score;
                usedColumns[c] = true;
            }
        }

        var mappings = new List<ColumnMapping>();
        var errors = new List<string>();
        for (var f = 0; f < fields.Count; f++)
        {
            if (fieldColumn[f] >= 0)
            {
                mappings.Add(new ColumnMapping(fields[f].Name, fieldColumn[f], headers[fieldColumn[f]] ?? "", fieldScore[f]));
            }
            else if (fields[f].Required)
            {
                errors.Add(MissingColumnMessage(fields[f].Name));
            }
        }
        var unmapped = new List<UnmappedColumn>();
        for (var c = 0; c < headers.Count; c++)
        {
            if (!usedColumns[c] && !string.IsNullOrWhiteSpace(headers[c]))
            {
                unmapped.Add(new UnmappedColumn(c, headers[c]!.Trim()));
            }
        }
        return new HeaderMappingResult(mappings, unmapped, errors);
    }
}
