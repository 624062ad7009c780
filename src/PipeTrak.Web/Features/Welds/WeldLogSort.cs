namespace PipeTrak.Web.Features.Welds;

/// <summary>WLD-083: the weld log's sortable columns (every column of WLD-080).</summary>
public enum WeldLogColumn
{
    Number,
    Drawing,
    Welder,
    Date,
    Type,
    Size,
    Schedule,
    Nde,
    Status,
    XRay,
    Area,
    System,
    Package,
    Progress,
}

/// <summary>
/// WLD-083: the weld log's sort as it travels in the URL (<c>sort</c> code and <c>dir</c> asc/desc).
/// Default: weld number, natural ascending. Unknown codes fall back to the default.
/// </summary>
public sealed record WeldLogSort(WeldLogColumn Column, bool Descending)
{
    public static readonly WeldLogSort Default = new(WeldLogColumn.Number, false);

    private static readonly Dictionary<string, WeldLogColumn> Codes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["number"] = WeldLogColumn.Number,
        ["drawing"] = WeldLogColumn.Drawing,
        ["welder"] = WeldLogColumn.Welder,
        ["date"] = WeldLogColumn.Date,
        ["type"] = WeldLogColumn.Type,
        ["size"] = WeldLogColumn.Size,
        ["schedule"] = WeldLogColumn.Schedule,
        ["nde"] = WeldLogColumn.Nde,
        ["status"] = WeldLogColumn.Status,
        ["xray"] = WeldLogColumn.XRay,
        ["area"] = WeldLogColumn.Area,
        ["system"] = WeldLogColumn.System,
        ["package"] = WeldLogColumn.Package,
        ["progress"] = WeldLogColumn.Progress,
    };

    /// <summary>The URL code of this sort's column (<c>number</c>, <c>date</c>...).</summary>
    public string Code => CodeOf(Column);

    /// <summary>The URL value of <c>dir</c>.</summary>
    public string Direction => Descending ? "desc" : "asc";

    public bool IsDefault => this == Default;

    public static string CodeOf(WeldLogColumn column) => Codes.First(c => c.Value == column).Key;

    /// <summary>Reads <c>sort</c> and <c>dir</c> (any case); anything unknown gives the default column or ascending.</summary>
    public static WeldLogSort Parse(string? sort, string? dir)
    {
        var column = sort is not null && Codes.TryGetValue(sort.Trim(), out var c) ? c : WeldLogColumn.Number;
        return new WeldLogSort(column, string.Equals(dir?.Trim(), "desc", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A column header's link: the same column flips direction, another column starts ascending.</summary>
    public WeldLogSort Toggle(WeldLogColumn column) => column == Column ? this with { Descending = !Descending } : new WeldLogSort(column, false);
}
