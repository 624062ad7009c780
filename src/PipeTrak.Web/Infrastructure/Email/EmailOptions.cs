using System.ComponentModel.DataAnnotations;

namespace PipeTrak.Web.Infrastructure.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>SMTP host. Empty means: keep mails in the outbox, readable on /dev/mailbox (Development only).</summary>
    public string? SmtpHost { get; set; }
    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    /// <summary>None, StartTls, SslOnConnect, Auto.</summary>
    public string Security { get; set; } = "Auto";
    [Required, EmailAddress]
    public string From { get; set; } = "pipetrak@localhost";
    public string FromName { get; set; } = "PipeTrak";
    /// <summary>Public base URL for links in emails; defaults to the request's scheme and host.</summary>
    public string? BaseUrl { get; set; }
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    public bool HasSmtp => !string.IsNullOrWhiteSpace(SmtpHost);
}
