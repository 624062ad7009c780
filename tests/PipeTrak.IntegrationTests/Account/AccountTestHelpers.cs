using System.Net;
using AngleSharp.Html.Dom;
using PipeTrak.IntegrationTests.Infrastructure;

namespace PipeTrak.IntegrationTests.Account;

/// <summary>Shared steps for the account tests: register through the real page, read field errors.</summary>
internal static class AccountTestHelpers
{
    public const string NewPassword = "Spool-Rack-Blue-47";

    public static Dictionary<string, string> RegisterFields(string email, string password = PipeTrakFactory.Password, string? confirm = null, string fullName = "Jordan Lee", bool acceptTerms = true)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.FullName"] = fullName,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirm ?? password,
        };
        if (acceptTerms)
        {
            fields["Input.AcceptTerms"] = "true";
        }
        return fields;
    }

    public static async Task<HttpResponseMessage> RegisterAsync(this AppClient client, Dictionary<string, string> fields) =>
        await client.PostFormAsync("/account/register", fields, "[data-testid=register-form]");

    /// <summary>Registers a fresh account and returns its email (unverified).</summary>
    public static async Task<string> RegisterNewAsync(this PipeTrakFactory factory, AppClient client, string prefix = "reg")
    {
        var email = factory.UniqueEmail(prefix);
        var response = await client.RegisterAsync(RegisterFields(email));
        Assert.True(response.IsRedirectTo("/account/check-email"), $"{(int)response.StatusCode} {response.Headers.Location}");
        return email;
    }

    /// <summary>The text of the validation span for a field (asp-validation-for renders data-valmsg-for).</summary>
    public static string FieldError(this IHtmlDocument doc, string field) =>
        doc.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    public static string Summary(this IHtmlDocument doc) =>
        doc.QuerySelector("[data-testid=validation-summary]")?.TextContent.Trim() ?? "";

    public static async Task<HttpResponseMessage> SignInPostAsync(this AppClient client, string email, string password) =>
        await client.PostFormAsync("/account/sign-in", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.RememberMe"] = "false",
        }, "[data-testid=sign-in-form]");

    /// <summary>Path and query of an absolute link from an email.</summary>
    public static string PathOf(string link) => new Uri(link).PathAndQuery;

    public static async Task<HttpStatusCode> MeStatusAsync(this AppClient client) =>
        (await client.Http.GetAsync("/api/v1/me")).StatusCode;
}
