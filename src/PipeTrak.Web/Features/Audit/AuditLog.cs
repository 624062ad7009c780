using System.Text.Json;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Tenancy;

namespace PipeTrak.Web.Features.Audit;

/// <summary>Adds audit entries to the caller's unit of work, so they commit with the change.</summary>
public sealed class AuditLog(AppDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    public void Record(Guid organizationId, Guid? projectId, string action, string summary, object? details = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organizationId,
            ProjectId = projectId,
            ActorUserId = http.HttpContext?.User.UserId(),
            Action = action,
            Summary = summary,
            Details = details is null ? null : JsonSerializer.Serialize(details),
            At = clock.GetUtcNow().UtcDateTime,
        });
}
