using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace PipeTrak.E2E.Infrastructure;

/// <summary>
/// A real SMTP server on a loopback port: the app's OutboxDispatcher delivers to it over SMTP
/// (MailKit, Security=None), and every message is parsed with MimeKit and kept for the tests.
/// </summary>
public sealed partial class SmtpSink : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    public SmtpSink()
    {
        Port = FreePort.Next();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new CapturingStore(this));
        _server = new SmtpServer.SmtpServer(options, services);
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Messages => [.. _messages];

    public void Start() => _running = _server.StartAsync(_stop.Token);

    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. _messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>The latest mail to <paramref name="address"/> (matching <paramref name="match"/>), polling up to <paramref name="timeout"/> (10 s).</summary>
    public async Task<MimeMessage> WaitForAsync(string address, Func<MimeMessage, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var found = To(address).LastOrDefault(m => match is null || match(m));
            if (found is not null)
            {
                return found;
            }
            if (DateTime.UtcNow > deadline)
            {
                var seen = string.Join(", ", _messages.Select(m => $"'{m.Subject}' to {m.To}"));
                throw new TimeoutException($"No email to {address} arrived within {(timeout ?? TimeSpan.FromSeconds(10)).TotalSeconds:0} s. Received: [{seen}]");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The first absolute link in the plain-text body whose URL contains <paramref name="pathPart"/>.</summary>
    public static string LinkIn(MimeMessage message, string pathPart)
    {
        var body = message.TextBody ?? "";
        var link = LinkRegex().Matches(body).Select(m => m.Value.TrimEnd('.', ',', ')'))
            .FirstOrDefault(v => v.Contains(pathPart, StringComparison.OrdinalIgnoreCase));
        return link ?? throw new InvalidOperationException($"No link containing '{pathPart}' in '{message.Subject}': {body}");
    }

    /// <summary>Waits for a mail to <paramref name="address"/> holding a link to <paramref name="pathPart"/> and returns the link.</summary>
    public async Task<string> WaitForLinkAsync(string address, string pathPart)
    {
        var message = await WaitForAsync(address, m => (m.TextBody ?? "").Contains(pathPart, StringComparison.OrdinalIgnoreCase));
        return LinkIn(message, pathPart);
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        if (_running is not null)
        {
            try
            {
                await _running.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
            {
            }
        }
        _stop.Dispose();
    }

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex LinkRegex();

    private sealed class CapturingStore(SmtpSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            sink._messages.Enqueue(message);
            return SmtpResponse.Ok;
        }
    }
}
