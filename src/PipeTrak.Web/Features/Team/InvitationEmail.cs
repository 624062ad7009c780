using System.Globalization;
using System.Text;
using PipeTrak.Web.Infrastructure.Email;

namespace PipeTrak.Web.Features.Team;

/// <summary>PPL-052: the invitation email (plain text carries the full link).</summary>
public static class InvitationEmail
{
    public static string Subject(string organization) => $"You've been invited to join {organization} on PipeTrak";

    public static string FormatDate(DateTime utc) => utc.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);

    public static (string Subject, string Text, string Html) Build(string inviter, string organization, OrgRole role, string? message, string link, DateTime expiresAt, string email)
    {
        var intro = $"{inviter} has invited you to join {organization} on PipeTrak as {role.Label()}.";
        var expires = $"This invitation expires on {FormatDate(expiresAt)}.";
        var footer = $"This invitation was sent to {email}. If you were not expecting it, you can ignore this email.";

        var text = new StringBuilder();
        text.AppendLine(intro).AppendLine();
        if (!string.IsNullOrWhiteSpace(message))
        {
            text.AppendLine(message).AppendLine();
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"Accept Invitation: {link}").AppendLine();
        text.AppendLine(expires).AppendLine();
        text.AppendLine(footer);

        var h = EmailOutbox.Html;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<p>{h(intro)}</p>");
        if (!string.IsNullOrWhiteSpace(message))
        {
            html.Append(CultureInfo.InvariantCulture, $"<blockquote>{h(message)}</blockquote>");
        }
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{h(link)}\" style=\"display:inline-block;padding:12px 20px;background:#0d6efd;color:#fff;text-decoration:none;border-radius:6px\">Accept Invitation</a></p>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{h(link)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{h(expires)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p><small>{h(footer)}</small></p>");
        return (Subject(organization), text.ToString(), html.ToString());
    }
}
