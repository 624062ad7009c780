using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using PipeTrak.Web.Features.Account;
using PipeTrak.Web.Features.Team;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Infrastructure.Security;

public static class SecuritySetup
{
    public const string SmartScheme = "PipeTrak";

    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);

        services.AddIdentityCore<AppUser>(o =>
            {
                // PPL-002 is enforced by PasswordRulesValidator; Identity's own class rules are off.
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Password.RequiredLength = PasswordRules.MinLength;
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = "";
                o.SignIn.RequireConfirmedEmail = false;
                // PPL-011: 5 consecutive failures lock the account for 15 minutes.
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddPasswordValidator<PasswordRulesValidator>();
        services.AddScoped<SessionManager>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
                o.DefaultForbidScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or API token", o =>
                o.ForwardDefaultSelector = ctx =>
                    ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? ApiTokenAuthenticationHandler.SchemeName
                        : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "pipetrak.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/error/403";
            o.ExpireTimeSpan = Features.Account.UserSession.PersistentIdleTimeout;
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ctx => ctx.HttpContext.RequestServices.GetRequiredService<SessionManager>().ValidateAsync(ctx);
            o.Events.OnRedirectToLogin = ctx => ChallengeAsync(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ChallengeAsync(ctx.HttpContext, ctx.RedirectUri, StatusCodes.Status403Forbidden);
        });

        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser());
        foreach (var permission in Enum.GetValues<Permission>())
        {
            authorization.AddPolicy(Policies.For(permission), p => p.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
        }
        services.AddSingleton<IAuthorizationHandler, PermissionAuthorizationHandler>();

        services.AddAntiforgery(o =>
        {
            o.HeaderName = "RequestVerificationToken";
            o.Cookie.Name = "pipetrak.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Trusted proxies come from configuration (ForwardedHeaders:KnownProxies), never "any".
            foreach (var proxy in builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                if (System.Net.IPAddress.TryParse(proxy, out var ip))
                {
                    o.KnownProxies.Add(ip);
                }
            }
        });

        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
            AddPerIp(o, RateLimitPolicies.SignIn, limits.Enabled, limits.SignInPerWindow, limits.SignInWindow);
            AddPerIp(o, RateLimitPolicies.Register, limits.Enabled, limits.RegisterPerWindow, limits.RegisterWindow);
            AddPerIp(o, RateLimitPolicies.ForgotPassword, limits.Enabled, limits.ForgotPasswordPerWindow, limits.ForgotPasswordWindow);
            AddPerIp(o, RateLimitPolicies.Invitation, limits.Enabled, limits.InvitationPerWindow, limits.InvitationWindow);
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                var retryAfter = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var ra) ? ra : TimeSpan.FromMinutes(1);
                var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
                ctx.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var message = $"Too many attempts. Try again in {minutes} minutes.";
                await ErrorResponses.WriteAsync(ctx.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests", message, ct);
            };
        });
        return builder;
    }

    private static void AddPerIp(RateLimiterOptions o, string name, bool enabled, int permits, TimeSpan window) =>
        o.AddPolicy(name, http =>
        {
            // Only unsafe methods (the attempts) count; showing the form is free.
            if (!enabled || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter("none");
            }
            var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            return RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                QueueLimit = 0,
            });
        });

    private static Task ChallengeAsync(HttpContext http, string redirectUri, int status)
    {
        if (ErrorResponses.IsApi(http.Request))
        {
            var message = status == StatusCodes.Status401Unauthorized
                ? "Sign in or send a valid API token."
                : "You don't have permission to do this.";
            return ErrorResponses.WriteAsync(http, status, status == 401 ? "Unauthorized" : "Forbidden", message, http.RequestAborted);
        }
        if (http.Request.Headers.ContainsKey("HX-Request"))
        {
            http.Response.StatusCode = status;
            http.Response.Headers["HX-Redirect"] = redirectUri;
            return Task.CompletedTask;
        }
        if (status == StatusCodes.Status403Forbidden)
        {
            http.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        http.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
