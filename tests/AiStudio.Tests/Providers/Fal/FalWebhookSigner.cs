using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AiStudio.ProviderCallbacks;
using NSec.Cryptography;

namespace AiStudio.Tests.Providers.Fal;

/// <summary>
/// The fal test double's webhook keys: signs as fal does (§2.2) with the current key and publishes every key it has
/// used as a JWKS, so a rotation leaves the old key listed beside the new one.
/// </summary>
public sealed class FalWebhookSigner : IDisposable
{
    public const string UserId = "fal-test-user";

    private readonly List<(string Id, Key Key)> _keys = [];
    private readonly Lock _gate = new();

    public FalWebhookSigner() => Rotate();

    /// <summary>Makes a new key current and publishes it beside the ones before.</summary>
    public void Rotate()
    {
        lock (_gate)
        {
            _keys.Add(($"k{_keys.Count + 1}", NewKey()));
        }
    }

    public JsonObject Jwks()
    {
        lock (_gate)
        {
            return new JsonObject
            {
                ["keys"] = new JsonArray([.. _keys.Select(key => (JsonNode)new JsonObject
                {
                    ["kty"] = "OKP",
                    ["crv"] = "Ed25519",
                    ["x"] = Base64Url.EncodeToString(key.Key.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
                    ["kid"] = key.Id,
                })]),
            };
        }
    }

    /// <summary>The four <c>X-Fal-Webhook-*</c> headers for <paramref name="body"/>, spoiled as <paramref name="forgery"/> says.</summary>
    public Dictionary<string, string> Headers(string requestId, byte[] body, FalWebhookForgery forgery = FalWebhookForgery.None)
    {
        var timestamp = DateTimeOffset.UtcNow.AddSeconds(forgery == FalWebhookForgery.StaleTimestamp ? -301 : 0).ToUnixTimeSeconds().ToString();
        var message = Encoding.UTF8.GetBytes($"{requestId}\n{UserId}\n{timestamp}\n{Convert.ToHexStringLower(SHA256.HashData(body))}");
        using var stranger = NewKey();
        byte[] signature;
        lock (_gate)
        {
            signature = SignatureAlgorithm.Ed25519.Sign(forgery == FalWebhookForgery.WrongKey ? stranger : _keys[^1].Key, message);
        }

        var headers = new Dictionary<string, string>
        {
            [FalWebhookVerifier.RequestIdHeader] = requestId,
            [FalWebhookVerifier.UserIdHeader] = UserId,
            [FalWebhookVerifier.TimestampHeader] = timestamp,
            [FalWebhookVerifier.SignatureHeader] = Convert.ToHexStringLower(signature),
        };
        if (forgery == FalWebhookForgery.MissingSignature)
        {
            headers.Remove(FalWebhookVerifier.SignatureHeader);
        }

        return headers;
    }

    public void Dispose()
    {
        foreach (var (_, key) in _keys)
        {
            key.Dispose();
        }
    }

    private static Key NewKey() => Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None });
}
