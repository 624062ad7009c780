using PipeTrak.Web.Features.Account;

using PipeTrak.Web.Features.Demo;
using PipeTrak.Web.Features.Organizations;
using PipeTrak.Web.Features.Projects;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Api;
using PipeTrak.Web.Infrastructure.Data;
using PipeTrak.Web.Infrastructure.Email;
using PipeTrak.Web.Infrastructure.Htmx;
using PipeTrak.Web.Infrastructure.Observability;
using PipeTrak.Web.Infrastructure.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddData();
builder.AddSecurity();
builder.Services.AddEmail();
builder.Services.AddApi();
builder.Services.AddPages();
builder.Services.AddAccount();
builder.Services.AddOrganizations();
builder.Services.AddProjects();
builder.Services.AddTeam();
builder.Services.AddDemo();

var app = builder.Build();

if (await app.RunCommandAsync(args) is { } exitCode)
{
    return exitCode;
}
await app.PrepareEmbeddedDatabaseAsync();

app.UseForwardedHeaders();
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseExceptionHandler("/error/500");
app.UseStatusCodePagesWithReExecute("/error/{0}");
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api => api.UseMiddleware<IdempotencyMiddleware>());

app.MapServiceDefaults();
app.MapApiDocs();
app.MapRazorPages();
var api = app.MapApiV1();
api.MapAccountEndpoints();
api.MapOrganizationEndpoints();
api.MapProjectEndpoints();
api.MapTeamEndpoints();

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the test projects.</summary>
public partial class Program;
