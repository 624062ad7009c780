using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Team;

namespace PipeTrak.IntegrationTests.Team;

internal static class TeamTestSupport
{
    public static Task<HttpResponseMessage> InviteAsync(this AppClient client, string email, string role, string? message = null) =>
        client.PostFormAsync("/team", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Role"] = role,
            ["Input.Message"] = message ?? "",
        }, "[data-testid=invite-form]");

    public static Task<HttpResponseMessage> TeamActionAsync(this AppClient client, string handler, IDictionary<string, string> fields, bool htmx = false) =>
        client.PostActionAsync("/team", $"/team?handler={handler}", fields, htmx);

    /// <summary>The flash (TempData toast) shown by the page the post redirected to.</summary>
    public static async Task<string?> FlashAsync(this AppClient client, string url = "/team")
    {
        var (_, doc) = await client.GetPageAsync(url);
        return doc.QuerySelector("[data-testid=flash]")?.TextContent.Trim();
    }

    public static string TokenFrom(string link) => link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];

    public static string PathOf(string link) => new Uri(link).PathAndQuery;

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());

    public static Task<Invitation> InvitationAsync(this PipeTrakFactory factory, Guid orgId, string email) =>
        factory.WithDbAsync(db => db.Invitations.AsNoTracking().Where(i => i.Email == email).OrderByDescending(i => i.CreatedAt).FirstAsync(), orgId);

    /// <summary>Invites through the page as the org's owner and returns the link from the email.</summary>
    public static async Task<string> InviteAndGetLinkAsync(this PipeTrakFactory factory, TestOrg org, AppClient ownerClient, string email, string role = "foreman")
    {
        var response = await ownerClient.InviteAsync(email, role);
        if (!response.IsRedirectTo("/team"))
        {
            throw new InvalidOperationException($"Invite failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return factory.Mail.LinkIn(email, "/accept-invitation");
    }

    public static Dictionary<string, string> NewUserForm(string token, string name = "New Person") => new()
    {
        ["Input.Token"] = token,
        ["Input.FullName"] = name,
        ["Input.Password"] = PipeTrakFactory.Password,
        ["Input.ConfirmPassword"] = PipeTrakFactory.Password,
        ["Input.AcceptTerms"] = "true",
    };
}
