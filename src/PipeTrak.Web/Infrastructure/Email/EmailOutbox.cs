using System.Net;
using Microsoft.Extensions.Options;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Infrastructure.Email;

/// <summary>
/// Adds an email to the caller's unit of work (same transaction as the change), and can try to
/// deliver it at once after the commit (PPL-053).
/// </summary>
public sealed class EmailOutbox(AppDbContext db, TimeProvider clock, IOptions<EmailOptions> options, IHttpContextAccessor http)
{
    public OutboxMessage Enqueue(string to, string subject, string textBody, string htmlBody, Guid? organizationId = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organizationId,
            ToAddress = to,
            Subject = subject,
            TextBody = textBody,
            HtmlBody = htmlBody,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>Absolute link for emails: configured base URL, else the current request's origin.</summary>
    public string Link(string pathAndQuery)
    {
        var baseUrl = options.Value.BaseUrl;
        if (string.IsNullOrWhiteSpace(baseUrl) && http.HttpContext is { } ctx)
        {
            baseUrl = $"{ctx.Request.Scheme}://{ctx.Request.Host}{ctx.Request.PathBase}";
        }
        return (baseUrl ?? "http://localhost:5000").TrimEnd('/') + pathAndQuery;
    }

    public static string Html(string text) => WebUtility.HtmlEncode(text);
}
