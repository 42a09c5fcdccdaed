using System.Security.Cryptography;
using System.Text;

namespace AiStudio.Webhooks;

/// <summary>
/// Standard Webhooks signing: <c>webhook-signature: v1,{base64 HMAC-SHA256("{id}.{timestamp}.{body}")}</c>.
/// A secret of the form <c>whsec_{base64}</c> is the base64-decoded key, as Standard Webhooks defines it; any other
/// secret (e.g. a raw <c>Auth:Keys:n:WebhookSecret</c>) is used as its UTF-8 bytes.
/// </summary>
public static class WebhookSignature
{
    private const string SecretPrefix = "whsec_";

    public static string Sign(string secret, string webhookId, long timestamp, string body)
    {
        var signedContent = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(KeyOf(secret), signedContent));
    }

    public static byte[] KeyOf(string secret)
    {
        if (secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            var encoded = secret[SecretPrefix.Length..];
            var buffer = new byte[encoded.Length];
            if (Convert.TryFromBase64String(encoded, buffer, out var written))
            {
                return buffer[..written];
            }
        }

        return Encoding.UTF8.GetBytes(secret);
    }
}
