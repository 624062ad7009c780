using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using PipeTrak.Web.Infrastructure.Email;

namespace PipeTrak.IntegrationTests.Infrastructure;

/// <summary>
/// Replaces SMTP in HTTP-level tests: records every delivered message. Set <see cref="Fail"/> to
/// simulate a broken mail server (PPL-053).
/// </summary>
public sealed partial class CapturingEmailSender : IEmailSender
{
    private readonly ConcurrentQueue<OutboxMessage> _sent = new();

    public bool CanSend => true;
    public bool Fail { get; set; }

    public IReadOnlyList<OutboxMessage> Sent => [.. _sent];

    public Task SendAsync(OutboxMessage message, CancellationToken ct)
    {
        if (Fail)
        {
            throw new InvalidOperationException("SMTP unavailable (test)");
        }
        _sent.Enqueue(message);
        return Task.CompletedTask;
    }

    public IReadOnlyList<OutboxMessage> To(string email) =>
        [.. _sent.Where(m => string.Equals(m.ToAddress, email, StringComparison.OrdinalIgnoreCase))];

    public OutboxMessage LastTo(string email) =>
        To(email).LastOrDefault() ?? throw new InvalidOperationException($"No email was sent to {email}.");

    /// <summary>The first absolute link in the last email to <paramref name="email"/> whose path contains <paramref name="pathPart"/>.</summary>
    public string LinkIn(string email, string pathPart)
    {
        var body = LastTo(email).TextBody;
        var match = LinkRegex().Matches(body).FirstOrDefault(m => m.Value.Contains(pathPart, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No link containing '{pathPart}' in the email to {email}: {body}");
        return match.Value;
    }

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex LinkRegex();
}
