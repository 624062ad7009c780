using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Drawings;

/// <summary>TRK-014: a drawing; unique (project, normalized number, sheet) among non-retired drawings.</summary>
public sealed class Drawing : ITenantOwned
{
    public const int NumberMaxLength = 100;
    public const string DefaultSheet = "1";

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public Guid ProjectId { get; set; }
    /// <summary>As written (kept for display, TRK-014).</summary>
    public string Number { get; private set; } = "";
    /// <summary>TRK-014: <see cref="DrawingNumber.Normalize"/> of <see cref="Number"/>.</summary>
    public string NormalizedNumber { get; private set; } = "";
    /// <summary><see cref="NaturalSort.Key"/> of <see cref="NormalizedNumber"/>: lists page in natural order with an index.</summary>
    public string NumberSortKey { get; private set; } = "";
    public string Title { get; set; } = "";
    public string Revision { get; set; } = "";
    public string Sheet { get; set; } = DefaultSheet;
    public Guid? AreaId { get; set; }
    public Guid? SystemId { get; set; }
    public Guid? PackageId { get; set; }
    public DateTime? RetiredAt { get; set; }
    public string? RetiredReason { get; set; }
    /// <summary>Optimistic concurrency token, renewed on every change.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>Sets the written number and its normalized key together (TRK-014).</summary>
    public void SetNumber(string number)
    {
        Number = number.Trim();
        NormalizedNumber = DrawingNumber.Normalize(number);
        NumberSortKey = NaturalSort.Key(NormalizedNumber);
    }

    public bool IsRetired => RetiredAt is not null;

    /// <summary>A new concurrency token after any change (TRK-078).</summary>
    public void Touch() => Version = Guid.NewGuid();

    /// <summary>TRK-061: the caller retires the drawing's live components with the same time and reason.</summary>
    public void Retire(string reason, DateTime at)
    {
        RetiredAt = at;
        RetiredReason = reason.Trim();
        Touch();
    }

    /// <summary>TRK-063: the caller restores the components retired with it (same retirement time).</summary>
    public void Restore()
    {
        RetiredAt = null;
        RetiredReason = null;
        Touch();
    }
}
