using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PipeTrak.IntegrationTests.Infrastructure;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Security;

namespace PipeTrak.IntegrationTests.Account;

/// <summary>PPL-018 profile, BYD-060 personal access tokens, /api/v1/me.</summary>
public abstract class ProfileAndTokenTests(PipeTrakFactory factory)
{
    [Fact]
    public async Task PPL018_profile_shows_read_only_details_and_updates_the_trimmed_name()
    {
        var org = await factory.CreateOrganizationAsync();
        using var client = await factory.SignInAsync(org.Owner);
        var (_, page) = await client.GetPageAsync("/account/profile");
        Assert.Equal(org.Owner.Email, page.QuerySelector("[data-testid=profile-email]")!.TextContent.Trim());
        Assert.Equal(org.Name, page.QuerySelector("[data-testid=profile-organization]")!.TextContent.Trim());
        Assert.Equal("Owner", page.QuerySelector("[data-testid=profile-role]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("input[name='Input.Email']"));

        var response = await client.PostFormAsync("/account/profile", new Dictionary<string, string> { ["Input.FullName"] = "  Casey Fitter  " }, "[data-testid=profile-form]");

        Assert.True(response.IsRedirectTo("/account/profile"));
        Assert.Equal("Casey Fitter", await factory.WithDbAsync(db => db.Users.Where(u => u.Id == org.Owner.Id).Select(u => u.FullName).SingleAsync()));
        var (_, after) = await client.GetPageAsync("/account/profile");
        Assert.Equal("Profile updated", after.QuerySelector("[data-testid=flash]")!.TextContent.Trim());
        Assert.Equal("Casey Fitter", after.QuerySelector("[data-testid=user-menu]")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("   ", "Name cannot be empty")]
    [InlineData("", "Name cannot be empty")]
    public async Task PPL018_empty_name_is_refused(string name, string message)
    {
        var user = await factory.CreateUserAsync(null, null, "prof");
        using var client = await factory.SignInAsync(user);
        var response = await client.PostFormAsync("/account/profile", new Dictionary<string, string> { ["Input.FullName"] = name }, "[data-testid=profile-form]");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, (await response.DocumentAsync()).FieldError("Input.FullName"));
        Assert.Equal(user.FullName, await factory.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.FullName).SingleAsync()));
    }

    [Fact]
    public async Task PPL018_name_longer_than_100_is_refused()
    {
        var user = await factory.CreateUserAsync(null, null, "long");
        using var client = await factory.SignInAsync(user);
        var response = await client.PostFormAsync("/account/profile", new Dictionary<string, string> { ["Input.FullName"] = new string('n', 101) }, "[data-testid=profile-form]");
        Assert.Equal("Name must be at most 100 characters", (await response.DocumentAsync()).FieldError("Input.FullName"));
    }

    [Fact]
    public async Task BYD060_token_from_profile_is_shown_once_works_as_bearer_and_stops_after_revoke()
    {
        var org = await factory.CreateOrganizationAsync();
        using var client = await factory.SignInAsync(org.Owner);

        var created = await client.PostFormAsync("/account/profile", new Dictionary<string, string> { ["TokenName"] = "CI import" }, "[data-testid=create-token-form]");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var doc = await created.DocumentAsync();
        var token = doc.QuerySelector("[data-testid=new-token-value]")!.TextContent.Trim();
        Assert.StartsWith("ptk_", token, StringComparison.Ordinal);
        Assert.Equal(47, token.Length);
        var row = doc.QuerySelectorAll("[data-testid=token-row]").Single(r => r.TextContent.Contains("CI import", StringComparison.Ordinal));
        Assert.Contains(token[..8], row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Never", row.TextContent, StringComparison.Ordinal);

        var stored = await factory.WithDbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync(t => t.UserId == org.Owner.Id && t.Name == "CI import"));
        Assert.Equal(SecureToken.Hash(token), stored.TokenHash);
        Assert.Equal(token[..8], stored.Hint);

        var (_, again) = await client.GetPageAsync("/account/profile");
        Assert.Null(again.QuerySelector("[data-testid=new-token-value]"));
        Assert.DoesNotContain(token, again.DocumentElement.OuterHtml, StringComparison.Ordinal);

        using var bearer = factory.NewClient();
        bearer.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var me = await bearer.Http.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.NotNull(await factory.WithDbAsync(db => db.ApiTokens.Where(t => t.Id == stored.Id).Select(t => t.LastUsedAt).SingleAsync()));
        var (_, listed) = await client.GetPageAsync("/account/profile");
        Assert.DoesNotContain("Never", listed.QuerySelector($"[data-token-id='{stored.Id}']")!.TextContent, StringComparison.Ordinal);

        var revoke = await client.PostActionAsync("/account/profile", "/account/profile?handler=RevokeToken", new Dictionary<string, string> { ["TokenId"] = stored.Id.ToString() });
        Assert.True(revoke.IsRedirectTo("/account/profile"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.Http.GetAsync("/api/v1/me")).StatusCode);
        var (_, afterRevoke) = await client.GetPageAsync("/account/profile");
        Assert.Null(afterRevoke.QuerySelector($"[data-token-id='{stored.Id}']"));
    }

    [Fact]
    public async Task BYD060_token_name_is_required()
    {
        var user = await factory.CreateUserAsync(null, null, "tokname");
        using var client = await factory.SignInAsync(user);
        var response = await client.PostFormAsync("/account/profile", new Dictionary<string, string> { ["TokenName"] = "  " }, "[data-testid=create-token-form]");
        Assert.Equal("Token name is required", (await response.DocumentAsync()).QuerySelector("[data-testid=token-name-error]")!.TextContent.Trim());
        Assert.False(await factory.WithDbAsync(db => db.ApiTokens.AnyAsync(t => t.UserId == user.Id)));
    }

    [Fact]
    public async Task BYD060_revoking_someone_elses_token_on_the_page_is_404_and_changes_nothing()
    {
        var a = await factory.CreateOrganizationAsync();
        var b = await factory.CreateOrganizationAsync();
        using var bApi = await factory.ApiClientAsync(b.Owner);
        var bTokenId = await factory.WithDbAsync(db => db.ApiTokens.Where(t => t.UserId == b.Owner.Id).Select(t => t.Id).FirstAsync());
        using var client = await factory.SignInAsync(a.Owner);

        var response = await client.PostActionAsync("/account/profile", "/account/profile?handler=RevokeToken", new Dictionary<string, string> { ["TokenId"] = bTokenId.ToString() });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await bApi.MeStatusAsync());
    }

    [Fact]
    public async Task Api_me_returns_identity_role_and_permissions()
    {
        var org = await factory.CreateOrganizationAsync();
        var foreman = await factory.CreateUserAsync(org.Id, OrgRole.Foreman, "foreman");
        using var api = await factory.ApiClientAsync(foreman);

        var json = await api.Http.GetFromJsonAsync<JsonElement>("/api/v1/me");

        Assert.Equal(foreman.Id, json.GetProperty("id").GetGuid());
        Assert.Equal(foreman.Email, json.GetProperty("email").GetString());
        Assert.Equal(foreman.FullName, json.GetProperty("fullName").GetString());
        Assert.Equal(org.Id, json.GetProperty("organizationId").GetGuid());
        Assert.Equal("foreman", json.GetProperty("role").GetString());
        Assert.Equal("Foreman", json.GetProperty("roleLabel").GetString());
        var permissions = json.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("assign_work", permissions);
        Assert.DoesNotContain("manage_projects", permissions);
    }

    [Fact]
    public async Task Api_me_without_organization_has_no_role_or_permissions()
    {
        var user = await factory.CreateUserAsync(null, null, "loner");
        using var client = await factory.SignInAsync(user);
        var json = await client.Http.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(JsonValueKind.Null, json.GetProperty("organizationId").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("role").ValueKind);
        Assert.Empty(json.GetProperty("permissions").EnumerateArray());
    }

    [Fact]
    public async Task BYD060_api_create_list_use_and_revoke_tokens()
    {
        var org = await factory.CreateOrganizationAsync();
        using var api = await factory.ApiClientAsync(org.Owner);

        var create = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/me/tokens", new { name = "Nightly sync" });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var created = await create.Content.ReadFromJsonAsync<JsonElement>();
        var token = created.GetProperty("token").GetString()!;
        var id = created.GetProperty("id").GetGuid();
        Assert.StartsWith("ptk_", token, StringComparison.Ordinal);
        Assert.Equal(token[..8], created.GetProperty("hint").GetString());

        var list = await api.Http.GetFromJsonAsync<JsonElement>("/api/v1/me/tokens");
        var item = list.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == id);
        Assert.Equal("Nightly sync", item.GetProperty("name").GetString());
        Assert.False(item.TryGetProperty("token", out _));
        Assert.DoesNotContain(token, list.GetRawText(), StringComparison.Ordinal);

        using var newClient = factory.NewClient();
        newClient.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, await newClient.MeStatusAsync());

        var delete = await api.SendJsonAsync(HttpMethod.Delete, $"/api/v1/me/tokens/{id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await newClient.MeStatusAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendJsonAsync(HttpMethod.Delete, $"/api/v1/me/tokens/{id}")).StatusCode);
    }

    [Fact]
    public async Task BYD060_api_create_requires_a_name()
    {
        var user = await factory.CreateUserAsync(null, null, "noname");
        using var api = await factory.ApiClientAsync(user);
        var response = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/me/tokens", new { name = " " });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Token name is required", problem.GetProperty("errors").GetProperty("name")[0].GetString());
    }

    [Fact]
    public async Task BYD060_api_deleting_another_users_token_is_404()
    {
        var a = await factory.CreateOrganizationAsync();
        var b = await factory.CreateOrganizationAsync();
        using var aApi = await factory.ApiClientAsync(a.Owner);
        using var bApi = await factory.ApiClientAsync(b.Owner);
        var bTokenId = await factory.WithDbAsync(db => db.ApiTokens.Where(t => t.UserId == b.Owner.Id).Select(t => t.Id).FirstAsync());

        var response = await aApi.SendJsonAsync(HttpMethod.Delete, $"/api/v1/me/tokens/{bTokenId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, await bApi.MeStatusAsync());
        var list = await aApi.Http.GetFromJsonAsync<JsonElement>("/api/v1/me/tokens");
        Assert.DoesNotContain(list.EnumerateArray(), t => t.GetProperty("id").GetGuid() == bTokenId);
    }

    [Fact]
    public async Task BYD060_created_token_is_never_stored_and_a_retry_creates_no_second_token()
    {
        var user = await factory.CreateUserAsync(null, null, "idem");
        using var api = await factory.ApiClientAsync(user);
        var key = Guid.NewGuid().ToString();

        var response = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/me/tokens", new { name = "Retry safe" }, key);
        var retry = await api.SendJsonAsync(HttpMethod.Post, "/api/v1/me/tokens", new { name = "Retry safe" }, key);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        var record = await factory.WithDbAsync(db => db.IdempotencyRecords.SingleAsync(r => r.Key == key));
        Assert.True(record.BodyWithheld);
        Assert.Null(record.ResponseBody);
        var tokens = await factory.WithDbAsync(db => db.ApiTokens.CountAsync(t => t.UserId == user.Id && t.Name == "Retry safe"));
        Assert.Equal(1, tokens);
    }

    [Fact]
    public async Task Api_document_describes_the_account_endpoints()
    {
        using var client = factory.NewClient();
        var doc = await client.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.Equal("The signed-in user", paths.GetProperty("/api/v1/me").GetProperty("get").GetProperty("summary").GetString());
        Assert.Equal("CreateApiToken", paths.GetProperty("/api/v1/me/tokens").GetProperty("post").GetProperty("operationId").GetString());
        Assert.True(paths.GetProperty("/api/v1/me/tokens/{id}").TryGetProperty("delete", out _));
    }

    [Fact]
    public async Task Profile_requires_sign_in()
    {
        using var client = factory.NewClient();
        var response = await client.Http.GetAsync("/account/profile");
        Assert.Contains("/account/sign-in", response.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_mailbox_is_404_outside_development()
    {
        using var client = factory.NewClient();
        var response = await client.Http.GetAsync("/dev/mailbox");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ProfileAndTokenTests_Sqlite(SqliteFactory factory) : ProfileAndTokenTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ProfileAndTokenTests_Postgres(PostgresFactory factory) : ProfileAndTokenTests(factory);
