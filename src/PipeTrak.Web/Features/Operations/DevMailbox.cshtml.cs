using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Operations;

/// <summary>
/// Development mailbox: the newest outbox messages, so a developer without SMTP can open the
/// verification link before having a session (hence anonymous). Outside Development it is a 404.
/// </summary>
[AllowAnonymous]
public sealed partial class DevMailboxModel(AppDbContext db, IWebHostEnvironment environment) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<MailRow> Messages { get; private set; } = [];
    public MailDetail? Selected { get; private set; }

    public sealed record MailRow(Guid Id, string To, string Subject, DateTime CreatedAt, DateTime? SentAt, DateTime? FailedAt);

    public sealed record MailDetail(Guid Id, string To, string Subject, DateTime CreatedAt, IReadOnlyList<BodyPart> Body);

    /// <summary>A piece of the text body: plain text, or a link to render clickable.</summary>
    public sealed record BodyPart(string Text, bool IsLink);

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }
        // Outbox rows carry no tenant filter; this page reads every organization's mail on purpose (development only).
        Messages = await db.OutboxMessages.AsNoTracking()
            .OrderByDescending(m => m.CreatedAt)
            .Take(PageSize)
            .Select(m => new MailRow(m.Id, m.ToAddress, m.Subject, m.CreatedAt, m.SentAt, m.FailedAt))
            .ToListAsync(ct);
        if (id is { } messageId)
        {
            var message = await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == messageId, ct);
            if (message is null)
            {
                return NotFound();
            }
            Selected = new MailDetail(message.Id, message.ToAddress, message.Subject, message.CreatedAt, Split(message.TextBody));
        }
        return Page();
    }

    /// <summary>Splits a text body into text and http(s) links, so the view can render links safely (encoded).</summary>
    public static IReadOnlyList<BodyPart> Split(string text)
    {
        var parts = new List<BodyPart>();
        var last = 0;
        foreach (Match m in LinkRegex().Matches(text))
        {
            if (m.Index > last)
            {
                parts.Add(new BodyPart(text[last..m.Index], false));
            }
            parts.Add(new BodyPart(m.Value, true));
            last = m.Index + m.Length;
        }
        if (last < text.Length)
        {
            parts.Add(new BodyPart(text[last..], false));
        }
        return parts;
    }

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex LinkRegex();
}
