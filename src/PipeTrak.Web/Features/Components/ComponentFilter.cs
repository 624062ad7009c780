using System.Globalization;
using Microsoft.Extensions.Primitives;
using PipeTrak.Web.Features.Milestones;

namespace PipeTrak.Web.Features.Components;

public enum ComponentSort
{
    Identity = 1,
    Type,
    Drawing,
    Percent,
}

/// <summary>
/// The component list's filters, search, sort and page, kept in the URL (query names: type, area,
/// system, package, drawing, progress, q, sort, dir, retired, page, size). Progress uses the TRK-050
/// thresholds per component: not_started = 0, in_progress = between, complete = 100.
/// </summary>
public sealed record ComponentFilter
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public ComponentType? Type { get; init; }
    public Guid? AreaId { get; init; }
    public Guid? SystemId { get; init; }
    /// <summary>TRK-072: matched against the effective package (own, else the drawing's).</summary>
    public Guid? PackageId { get; init; }
    public Guid? DrawingId { get; init; }
    public ProgressStatus? Progress { get; init; }
    public string? Search { get; init; }
    public ComponentSort Sort { get; init; } = ComponentSort.Identity;
    public bool Descending { get; init; }
    /// <summary>TRK-060: retired components show only with "Show retired".</summary>
    public bool ShowRetired { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;

    public static ComponentFilter From(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var q = query.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        string? Get(string key) => q.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        Guid? Id(string key) => Guid.TryParse(Get(key), out var g) ? g : null;
        int Int(string key, int fallback, int min, int max) =>
            int.TryParse(Get(key), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? Math.Clamp(i, min, max) : fallback;
        return new ComponentFilter
        {
            Type = ComponentTypes.TryParseCode(Get("type"), out var t) ? t : null,
            AreaId = Id("area"),
            SystemId = Id("system"),
            PackageId = Id("package"),
            DrawingId = Id("drawing") ?? Id("drawingId"),
            Progress = ParseProgress(Get("progress")),
            Search = Get("q"),
            Sort = Get("sort") switch
            {
                "type" => ComponentSort.Type,
                "drawing" => ComponentSort.Drawing,
                "percent" => ComponentSort.Percent,
                _ => ComponentSort.Identity,
            },
            Descending = string.Equals(Get("dir"), "desc", StringComparison.OrdinalIgnoreCase),
            ShowRetired = Get("retired") is "true" or "on" or "1",
            Page = Int("page", 1, 1, int.MaxValue / MaxPageSize),
            PageSize = Int("size", DefaultPageSize, 1, MaxPageSize),
        };
    }

    public static ProgressStatus? ParseProgress(string? value) => value switch
    {
        "not_started" => ProgressStatus.NotStarted,
        "in_progress" => ProgressStatus.InProgress,
        "complete" => ProgressStatus.Complete,
        _ => null,
    };

    public static string ProgressCode(ProgressStatus status) => status switch
    {
        ProgressStatus.NotStarted => "not_started",
        ProgressStatus.InProgress => "in_progress",
        _ => "complete",
    };

    public static string SortCode(ComponentSort sort) => sort.ToString().ToLowerInvariant();

    /// <summary>The query string (with leading ?) for this filter, omitting defaults.</summary>
    public string ToQuery()
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(key + "=" + Uri.EscapeDataString(value));
            }
        }
        Add("type", Type?.Code());
        Add("area", AreaId?.ToString());
        Add("system", SystemId?.ToString());
        Add("package", PackageId?.ToString());
        Add("drawing", DrawingId?.ToString());
        Add("progress", Progress is { } p ? ProgressCode(p) : null);
        Add("q", Search);
        Add("sort", Sort == ComponentSort.Identity ? null : SortCode(Sort));
        Add("dir", Descending ? "desc" : null);
        Add("retired", ShowRetired ? "true" : null);
        Add("page", Page > 1 ? Page.ToString(CultureInfo.InvariantCulture) : null);
        Add("size", PageSize != DefaultPageSize ? PageSize.ToString(CultureInfo.InvariantCulture) : null);
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}
