using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiStudio.Providers;

/// <summary>Settings of the local providers: <c>Storage:Root</c>, under which their jobs live in <c>.provider/{kind}/</c>.</summary>
public sealed class LocalProviderOptions
{
    public string StorageRoot { get; set; } = ".data/media";

    /// <summary>The job folders of one kind of local job, e.g. <c>{Storage:Root}/.provider/images</c>.</summary>
    public string JobsDirectory(string kind) => Path.Combine(Path.TrimEndingDirectorySeparator(Path.GetFullPath(StorageRoot)), ".provider", kind);

    internal static void Register(IServiceCollection services, IConfiguration configuration) =>
        services.AddOptions<LocalProviderOptions>()
            .Configure(options => options.StorageRoot = configuration["Storage:Root"] ?? options.StorageRoot)
            .Validate(options => !string.IsNullOrWhiteSpace(options.StorageRoot), "Storage:Root must name a directory.")
            .ValidateOnStart();
}
