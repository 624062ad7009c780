using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Projects;

/// <summary>PPL-030..034: a project of one organization.</summary>
public sealed class Project : ITenantOwned
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 500;
    public const string ArchivedMessage = "This project is archived. Unarchive it to make changes.";

    public Guid Id { get; set; }
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Upper-cased trimmed name: uniqueness ignoring case on every provider.</summary>
    public string NameKey { get; set; } = "";
    public string Description { get; set; } = "";
    /// <summary>IANA time zone id (TRK-002).</summary>
    public string TimeZone { get; set; } = "UTC";
    public bool IsArchived { get; set; }
    public DateTime? ArchivedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid? CreatedByUserId { get; set; }
    /// <summary>Optimistic concurrency token, renewed on every change.</summary>
    public Guid Version { get; set; }

    public static string KeyOf(string name) => name.Trim().ToUpperInvariant();

    public void Rename(string name)
    {
        Name = name.Trim();
        NameKey = KeyOf(name);
    }
}
