namespace PipeTrak.Web.Features.Organizations;

/// <summary>PPL-020: an organization. Name need not be unique (PPL-004).</summary>
public sealed class Organization
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
