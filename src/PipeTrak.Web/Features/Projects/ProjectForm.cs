using System.ComponentModel.DataAnnotations;

namespace PipeTrak.Web.Features.Projects;

/// <summary>The project form posted by the create and settings pages (Input.Name, Input.Description, Input.TimeZone, Input.Version).</summary>
public sealed class ProjectForm
{
    [Display(Name = "Project name")]
    public string? Name { get; set; }

    [Display(Name = "Description")]
    public string? Description { get; set; }

    [Display(Name = "Time zone")]
    public string? TimeZone { get; set; } = ProjectTimeZones.Default;

    /// <summary>The version the form was loaded with (PPL-032 optimistic concurrency); settings only.</summary>
    public Guid? Version { get; set; }

    // Razor binds empty fields as null; the rules see them as empty.
    public ProjectInput ToInput() => new(Name ?? "", Description ?? "", TimeZone ?? "");
}

/// <summary>A page that renders <c>_ProjectFields</c>.</summary>
public interface IProjectFormPage
{
    ProjectForm Input { get; }

    IReadOnlyList<string> TimeZones { get; }

    bool ReadOnly { get; }

    bool BrowserTimeZoneDefault { get; }
}

public static class ProjectFormErrors
{
    /// <summary>Puts the operation's field errors on the form's fields.</summary>
    public static void AddTo(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, IReadOnlyDictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(field == "ConfirmName" ? field : $"Input.{field}", message);
            }
        }
    }
}
