using System.Security.Claims;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AiStudio.Videos.Providers.Kling;

/// <summary>
/// The bearer token of every Kling call: an HS256 JWT with <c>iss</c> = access key, <c>nbf</c> five seconds back and
/// <c>exp</c> one lifetime ahead, signed with the secret key. One token is shared until the refresh margin before its
/// expiry, or until Kling refuses it.
/// </summary>
internal sealed class KlingTokenSource
{
    /// <summary>Kling's samples date <c>nbf</c> back by this much, for clocks slightly ahead of ours.</summary>
    private static readonly TimeSpan NotBeforeLeeway = TimeSpan.FromSeconds(5);

    private readonly KlingOptions _options;
    private readonly TimeProvider _time;
    private readonly SigningCredentials _credentials;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly Lock _gate = new();
    private string? _token;
    private DateTimeOffset _refreshAt;

    public KlingTokenSource(IOptions<KlingOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _credentials = new SigningCredentials(
            new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_options.SecretKey ?? "")), SecurityAlgorithms.HmacSha256);
    }

    /// <summary>The token to send now: the cached one, or a new one when it is due for refresh or was refused.</summary>
    public string Current()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_token is null || now >= _refreshAt)
            {
                _token = Mint(now);
                _refreshAt = now + _options.TokenLifetime - _options.TokenRefreshMargin;
            }

            return _token;
        }
    }

    /// <summary>Drops <paramref name="token"/> after Kling refused it, unless another call already replaced it.</summary>
    public void Refused(string token)
    {
        lock (_gate)
        {
            if (_token == token)
            {
                _token = null;
            }
        }
    }

    private string Mint(DateTimeOffset now) => _handler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = _options.AccessKey,
        NotBefore = (now - NotBeforeLeeway).UtcDateTime,
        Expires = (now + _options.TokenLifetime).UtcDateTime,

        // A unique id makes the token minted after a refusal differ from the refused one even within the same second.
        Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N"))]),
        SigningCredentials = _credentials,
    });
}
