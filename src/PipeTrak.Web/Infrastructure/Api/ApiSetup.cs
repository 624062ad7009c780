using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using PipeTrak.Web.Infrastructure.Security;
using Scalar.AspNetCore;

namespace PipeTrak.Web.Infrastructure.Api;

public sealed class ApiOptions
{
    public const string Section = "Api";
    /// <summary>Expose /openapi/v1.json and the reference page outside Development.</summary>
    public bool DocsEnabled { get; set; }
}

public static class ApiSetup
{
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? ctx.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddSingleton<IdempotencyCleanupJob>();
        services.AddHostedService(sp => sp.GetRequiredService<IdempotencyCleanupJob>());
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info = new OpenApiInfo
                {
                    Title = "PipeTrak API",
                    Version = "v1",
                    Description = "Piping progress tracking. Authenticate with a personal access token " +
                        "(`Authorization: Bearer ptk_…`, created on the profile page). Writes accept an " +
                        "`Idempotency-Key` header: a retry with the same key and body returns the first response " +
                        "and writes nothing again. Errors are RFC 9457 problem details.",
                };
                doc.Components ??= new OpenApiComponents();
                doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                doc.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "Personal access token (ptk_…)",
                };
                doc.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", doc)] = [] }];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        var enabled = app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>("Api:DocsEnabled");
        if (enabled)
        {
            app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
            app.MapScalarApiReference("/scalar", o => o.WithTitle("PipeTrak API")).AllowAnonymous();
        }
        return app;
    }

    /// <summary>The versioned API group: JSON, ProblemDetails, signed-in (cookie or token).</summary>
    public static RouteGroupBuilder MapApiV1(this WebApplication app) =>
        app.MapGroup("/api/v1").RequireAuthorization(Policies.SignedIn).DisableAntiforgery();
}

/// <summary>Maps API exceptions to ProblemDetails; pages fall through to the error page.</summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!ErrorResponses.IsApi(http.Request))
        {
            return false;
        }
        var problem = exception switch
        {
            BadHttpRequestException bad => BadRequest(bad),
            _ => new ProblemDetails { Status = 500, Title = "Server error", Detail = "Something went wrong on our side. Retry later; if it persists, contact support with the trace id." },
        };
        if (problem.Status == 500)
        {
            LogUnhandled(logger, exception);
        }
        http.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    internal static ProblemDetails BadRequest(BadHttpRequestException bad)
    {
        var json = bad.InnerException as JsonException;
        var field = json?.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : null;
        var detail = field is not null
            ? $"The field '{field}' has an invalid value. Check its type and format."
            : json is not null ? "The request body is not valid JSON." : bad.Message;
        var problem = new ValidationProblemDetails { Status = 400, Title = "Invalid request", Detail = detail };
        if (field is not null)
        {
            problem.Errors[field] = [detail];
        }
        return problem;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled API exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}

/// <summary>
/// Turns request-binding failures (malformed JSON, wrong field types) into a 400 ValidationProblem
/// naming the field, right where they happen, before any generic exception handling.
/// </summary>
public sealed class ApiBadRequestMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException bad) when (!context.Response.HasStarted)
        {
            var problem = ApiExceptionHandler.BadRequest(bad);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
        }
    }
}
