namespace AiStudio.Tests.Api;

/// <summary>Configuration is validated when the API starts: a missing secret stops it with a message naming the setting.</summary>
public sealed class ApiStartupValidationTests
{
    private static Dictionary<string, string> ValidSettings() => new()
    {
        ["ConnectionStrings__AiStudio"] = "Host=127.0.0.1;Port=9;Username=nobody;Database=nothing",
        ["Storage__Root"] = Path.Combine(Path.GetTempPath(), "aistudio-startup-" + Guid.NewGuid().ToString("N")),
        ["Storage__SigningKey"] = "startup-signing-key-0123456789",
        ["Auth__Keys__0__Key"] = "startup-key",
        ["Auth__Keys__0__WorkspaceId"] = "ws_startup",
        ["Auth__Keys__0__UserId"] = "user_startup",
    };

    [Theory]
    [InlineData("Storage__SigningKey", "Storage:SigningKey")]
    [InlineData("Auth__Keys__0__Key", "Auth:Keys:0:Key")]
    [InlineData("ConnectionStrings__AiStudio", "ConnectionStrings:AiStudio")]
    public async Task The_api_refuses_to_start_without_a_required_setting(string missing, string named)
    {
        var settings = ValidSettings();
        settings.Remove(missing);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ApiProcess.StartAsync(settings));

        Assert.Contains(named, failure.Message);
    }
}
