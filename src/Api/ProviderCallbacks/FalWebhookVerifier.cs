using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace AiStudio.ProviderCallbacks;

/// <summary>
/// fal's webhook signature: Ed25519 over <c>request id \n user id \n timestamp \n sha256-hex(body)</c>, headers taken
/// verbatim and the body as received, with a timestamp within <see cref="FalWebhookOptions.MaxClockSkew"/> of now.
/// </summary>
public sealed class FalWebhookVerifier(FalWebhookKeys keys, IOptions<FalWebhookOptions> options, TimeProvider clock)
{
    public const string RequestIdHeader = "X-Fal-Webhook-Request-Id";
    public const string UserIdHeader = "X-Fal-Webhook-User-Id";
    public const string TimestampHeader = "X-Fal-Webhook-Timestamp";
    public const string SignatureHeader = "X-Fal-Webhook-Signature";

    public async Task<bool> VerifyAsync(IHeaderDictionary headers, byte[] body, CancellationToken cancellationToken)
    {
        if (Single(headers, RequestIdHeader) is not { } requestId
            || Single(headers, UserIdHeader) is not { } userId
            || Single(headers, TimestampHeader) is not { } timestamp
            || Single(headers, SignatureHeader) is not { Length: 128 } signatureHex
            || !long.TryParse(timestamp, out var seconds)
            || Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - seconds) > options.Value.MaxClockSkew.TotalSeconds)
        {
            return false;
        }

        byte[] signature;
        try
        {
            signature = Convert.FromHexString(signatureHex);
        }
        catch (FormatException)
        {
            return false;
        }

        var message = Encoding.UTF8.GetBytes($"{requestId}\n{userId}\n{timestamp}\n{Convert.ToHexStringLower(SHA256.HashData(body))}");
        return await keys.VerifyAsync(message, signature, cancellationToken);
    }

    private static string? Single(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;
}
