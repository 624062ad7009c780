using PipeTrak.Web.Features.Components;

namespace PipeTrak.Web.Features.Templates;

/// <summary>TRK-023: a component's effective template is its project's rows for its type; if rows are missing, the default applies (and the caller logs an error).</summary>
public static class EffectiveTemplate
{
    /// <returns>The rows to use, and whether the default had to stand in for missing project rows.</returns>
    public static (IReadOnlyList<TemplateRow> Rows, bool UsedDefault) For(ComponentType type, IReadOnlyList<TemplateRow>? projectRows) =>
        projectRows is { Count: > 0 } ? (projectRows, false) : (DefaultTemplates.For(type), true);
}
