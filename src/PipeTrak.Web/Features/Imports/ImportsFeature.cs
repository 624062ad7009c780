namespace PipeTrak.Web.Features.Imports;

public static class ImportsFeature
{
    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section)
            .Validate(o => o.MaxFileMegabytes > 0 && o.MaxRows > 0 && o.MaxUncompressedMegabytes > 0 && o.KeepFileHours > 0, "Import limits must be positive.")
            .ValidateOnStart();
        services.AddScoped<ImportCommands>();
        services.AddSingleton<TakeoffParseCache>();
        return services;
    }

    public static RouteGroupBuilder MapImportEndpoints(this RouteGroupBuilder api) => api.MapImports();

    /// <summary>The request body limit of an upload: the file limit plus room for the multipart envelope.</summary>
    public static long UploadBodyLimit(ImportOptions options) => options.MaxFileBytes + (1024 * 1024);
}
