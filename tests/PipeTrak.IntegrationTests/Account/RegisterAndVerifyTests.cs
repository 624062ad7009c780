using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using static PipeTrak.IntegrationTests.Account.AccountTestHelpers;

namespace PipeTrak.IntegrationTests.Account;

/// <summary>PPL-001 register, PPL-003 verification and resend.</summary>
public abstract class RegisterAndVerifyTests(PipeTrakFactory factory)
{
    [Fact]
    public async Task PPL001_register_then_verify_signs_in()
    {
        using var client = factory.NewClient();
        var email = factory.UniqueEmail("reg");
        var response = await client.RegisterAsync(RegisterFields("  " + email.ToUpperInvariant() + " ", fullName: "  Jordan Lee  "));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/account/check-email?email={Uri.EscapeDataString(email)}", response.Location());
        var (_, page) = await client.GetPageAsync(response.Location());
        Assert.Equal($"Check your email: we've sent a confirmation link to {email}", page.QuerySelector("[data-testid=check-email-message]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-testid=resend-verification-form]"));

        var user = await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.False(user.EmailConfirmed);
        Assert.Equal("Jordan Lee", user.FullName);
        Assert.Equal("v1.0", user.TermsVersion);
        Assert.NotNull(user.TermsAcceptedAt);
        Assert.Null(user.OrganizationId);

        var link = factory.Mail.LinkIn(email, "/account/verify");
        var verify = await client.Http.GetAsync(PathOf(link));
        Assert.True(verify.IsRedirectTo("/"), verify.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, await client.MeStatusAsync());
        var me = await client.Http.GetFromJsonAsync<MeDto>("/api/v1/me");
        Assert.Equal(email, me!.Email);
        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));
    }

    [Fact]
    public async Task PPL003_verification_token_is_stored_hashed()
    {
        using var client = factory.NewClient();
        var email = await factory.RegisterNewAsync(client);
        var token = new Uri(factory.Mail.LinkIn(email, "/account/verify")).Query.Split('=')[1];
        Assert.Equal(43, token.Length);
        var hashes = await factory.WithDbAsync(db => db.AccountTokens.Join(db.Users.Where(u => u.Email == email), t => t.UserId, u => u.Id, (t, _) => t.TokenHash).ToListAsync());
        Assert.Equal(Web.Infrastructure.Security.SecureToken.Hash(token), Assert.Single(hashes));
    }

    [Theory]
    [InlineData("Input.FullName", "   ", "Full name is required")]
    [InlineData("Input.Email", "not-an-email", "Invalid email address")]
    [InlineData("Input.Password", "short", "Password must be at least 8 characters")]
    [InlineData("Input.Password", "Welcome2025!", "Password is too common")]
    [InlineData("Input.ConfirmPassword", "Other-Password-91", "Passwords do not match")]
    public async Task PPL001_field_validation_messages(string field, string value, string message)
    {
        using var client = factory.NewClient();
        var email = factory.UniqueEmail("val");
        var fields = RegisterFields(email);
        fields[field] = value;
        if (field == "Input.Password")
        {
            fields["Input.ConfirmPassword"] = value;
        }
        var response = await client.RegisterAsync(fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await response.DocumentAsync();
        Assert.Equal(message, doc.FieldError(field));
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task PPL001_email_longer_than_254_is_invalid()
    {
        using var client = factory.NewClient();
        var email = new string('a', 64) + "@" + new string('b', 190) + ".test";
        var response = await client.RegisterAsync(RegisterFields(email));
        Assert.Equal("Invalid email address", (await response.DocumentAsync()).FieldError("Input.Email"));
    }

    [Fact]
    public async Task PPL001_terms_must_be_accepted()
    {
        using var client = factory.NewClient();
        var email = factory.UniqueEmail("terms");
        var response = await client.RegisterAsync(RegisterFields(email, acceptTerms: false));
        Assert.Equal("You must accept the terms of service", (await response.DocumentAsync()).FieldError("Input.AcceptTerms"));
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task PPL002_password_containing_the_email_name_is_refused_at_registration()
    {
        using var client = factory.NewClient();
        var email = factory.UniqueEmail("mariana");
        var local = email[..email.IndexOf('@', StringComparison.Ordinal)];
        var response = await client.RegisterAsync(RegisterFields(email, password: local.ToUpperInvariant() + "-Pipes"));
        Assert.Equal("Password cannot contain your email name", (await response.DocumentAsync()).FieldError("Input.Password"));
    }

    [Fact]
    public async Task PPL001_registered_email_is_refused_and_nothing_is_created()
    {
        var org = await factory.CreateOrganizationAsync();
        var before = await CountsAsync();
        var mailsBefore = factory.Mail.To(org.Owner.Email).Count;
        using var client = factory.NewClient();

        var response = await client.RegisterAsync(RegisterFields(org.Owner.Email.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("This email is already registered", (await response.DocumentAsync()).FieldError("Input.Email"));
        var after = await CountsAsync();
        Assert.Equal(before, after);
        Assert.Equal(mailsBefore, factory.Mail.To(org.Owner.Email).Count);
    }

    [Fact]
    public async Task PPL003_verification_link_is_single_use()
    {
        using var client = factory.NewClient();
        var email = await factory.RegisterNewAsync(client);
        var path = PathOf(factory.Mail.LinkIn(email, "/account/verify"));
        Assert.True((await client.Http.GetAsync(path)).IsRedirectTo("/"));

        using var other = factory.NewClient();
        var (response, doc) = await other.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("This verification link is invalid or has expired", doc.QuerySelector("[data-testid=verify-error]")!.TextContent.Trim());
        Assert.NotNull(doc.QuerySelector("[data-testid=resend-verification-form]"));
        Assert.Equal(HttpStatusCode.Unauthorized, await other.MeStatusAsync());
    }

    [Fact]
    public async Task PPL003_verification_link_expires_after_24_hours()
    {
        using var client = factory.NewClient();
        var email = await factory.RegisterNewAsync(client);
        var path = PathOf(factory.Mail.LinkIn(email, "/account/verify"));
        factory.Clock.Advance(TimeSpan.FromHours(25));

        var (_, doc) = await client.GetPageAsync(path);

        Assert.Equal("This verification link is invalid or has expired", doc.QuerySelector("[data-testid=verify-error]")!.TextContent.Trim());
        Assert.False(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));
    }

    [Theory]
    [InlineData("/account/verify")]
    [InlineData("/account/verify?token=not-a-real-token")]
    public async Task PPL003_bad_link_shows_message_with_resend(string url)
    {
        using var client = factory.NewClient();
        var (_, doc) = await client.GetPageAsync(url);
        Assert.Equal("This verification link is invalid or has expired", doc.QuerySelector("[data-testid=verify-error]")!.TextContent.Trim());
        Assert.NotNull(doc.QuerySelector("[data-testid=resend-verification-form]"));
    }

    [Fact]
    public async Task PPL003_resend_at_most_once_a_minute_and_5_a_day_with_the_same_answer()
    {
        using var client = factory.NewClient();
        var email = await factory.RegisterNewAsync(client);
        Assert.Single(factory.Mail.To(email));

        // Within the first minute after registering: dropped, same neutral answer.
        var message = await ResendAsync(client, email);
        Assert.Contains(email, message, StringComparison.Ordinal);
        Assert.Single(factory.Mail.To(email));

        for (var i = 2; i <= 5; i++)
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(message, await ResendAsync(client, email));
            Assert.Equal(i, factory.Mail.To(email).Count);
        }
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(message, await ResendAsync(client, email));
        Assert.Equal(5, factory.Mail.To(email).Count);

        // The newest link works.
        var verify = await client.Http.GetAsync(PathOf(factory.Mail.LinkIn(email, "/account/verify")));
        Assert.True(verify.IsRedirectTo("/"));
    }

    [Fact]
    public async Task PPL003_resend_for_unknown_or_verified_email_gives_the_same_answer_and_sends_nothing()
    {
        var org = await factory.CreateOrganizationAsync();
        using var client = factory.NewClient();
        var unknown = factory.UniqueEmail("nobody");
        var sentBefore = factory.Mail.Sent.Count;

        var forUnknown = await ResendAsync(client, unknown);
        var forVerified = await ResendAsync(client, org.Owner.Email);

        Assert.Equal(forUnknown.Replace(unknown, "X", StringComparison.Ordinal), forVerified.Replace(org.Owner.Email, "X", StringComparison.Ordinal));
        Assert.Empty(factory.Mail.To(unknown));
        Assert.Empty(factory.Mail.To(org.Owner.Email));
        Assert.Equal(sentBefore, factory.Mail.Sent.Count);
    }

    [Fact]
    public async Task PPL003_unverified_sign_in_with_correct_password_asks_to_verify()
    {
        using var client = factory.NewClient();
        var email = await factory.RegisterNewAsync(client);

        var response = await client.SignInPostAsync(email, PipeTrakFactory.Password);

        var doc = await response.DocumentAsync();
        Assert.Equal("Verify your email before signing in", doc.Summary());
        Assert.NotNull(doc.QuerySelector("[data-testid=resend-verification]"));
        Assert.Equal(HttpStatusCode.Unauthorized, await client.MeStatusAsync());
    }

    [Fact]
    public async Task PPL003_resend_link_from_sign_in_opens_a_prefilled_form_that_sends_a_new_link()
    {
        using var client = factory.NewClient();
        var email = await factory.RegisterNewAsync(client, "fromsignin");
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var doc = await (await client.SignInPostAsync(email, PipeTrakFactory.Password)).DocumentAsync();
        var href = doc.QuerySelector("[data-testid=resend-verification]")!.GetAttribute("href")!;

        var (_, page) = await client.GetPageAsync(href);
        Assert.Equal(email, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.Email']")!.Value);
        var response = await client.PostFormAsync(href, new Dictionary<string, string> { ["Input.Email"] = email }, "[data-testid=resend-verification-form]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, factory.Mail.To(email).Count);
    }

    [Fact]
    public async Task PPL003_unverified_sign_in_with_wrong_password_says_invalid()
    {
        using var client = factory.NewClient();
        var email = await factory.RegisterNewAsync(client);
        var doc = await (await client.SignInPostAsync(email, "Wrong-Password-77")).DocumentAsync();
        Assert.Equal("Invalid email or password", doc.Summary());
        Assert.Null(doc.QuerySelector("[data-testid=resend-verification]"));
    }

    private static async Task<string> ResendAsync(AppClient client, string email)
    {
        var response = await client.PostFormAsync("/account/resend-verification", new Dictionary<string, string> { ["Input.Email"] = email }, "[data-testid=resend-verification-form]");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.DocumentAsync()).QuerySelector("[data-testid=resend-message]")!.TextContent.Trim();
    }

    private Task<(int Users, int Tokens, int Mails)> CountsAsync() =>
        factory.WithDbAsync(async db => (await db.Users.CountAsync(), await db.AccountTokens.CountAsync(), await db.OutboxMessages.CountAsync()));

    private sealed record MeDto(Guid Id, string Email, string FullName);
}

[Collection(SqliteCollection.Name)]
public sealed class RegisterAndVerifyTests_Sqlite(SqliteFactory factory) : RegisterAndVerifyTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class RegisterAndVerifyTests_Postgres(PostgresFactory factory) : RegisterAndVerifyTests(factory);
