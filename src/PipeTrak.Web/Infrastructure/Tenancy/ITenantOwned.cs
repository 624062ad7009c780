namespace PipeTrak.Web.Infrastructure.Tenancy;

/// <summary>A row that belongs to one organization. Reads are filtered and writes are stamped.</summary>
public interface ITenantOwned
{
    Guid OrganizationId { get; set; }
}
