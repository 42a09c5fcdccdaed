using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AiStudio.Tests.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AiStudio.Tests.Providers.Kling;

/// <summary>
/// A test double of Kling's image-to-video API on 127.0.0.1, as the providers brief (§4, §5.3) describes it: every call
/// needs an HS256 JWT signed with <see cref="SecretKey"/> whose <c>iss</c> is <see cref="AccessKey"/> (1001 missing,
/// 1002 invalid, 1003 not yet valid, 1004 expired); creates are validated (1201, 1203), duplicate
/// <c>external_task_id</c>s refused (1201) and refused with 1303 while <see cref="Concurrency"/> tasks are unfinished;
/// tasks are found by task id or external id and move submitted → processing → succeed or failed as they are queried;
/// a succeeded task's video is served from the double itself. Faults can be queued for the next create or query.
/// </summary>
public sealed class KlingTestDouble : IAsyncDisposable
{
    public const string AccessKey = "double-access-key";
    public const string SecretKey = "double-secret-key-0123456789abcdef-0123456789abcdef";
    private const string TasksPath = "/v1/videos/image2video";

    private static readonly string[] Models =
        ["kling-v1", "kling-v1-5", "kling-v1-6", "kling-v2-master", "kling-v2-1", "kling-v2-1-master", "kling-v2-5-turbo", "kling-v2-6"];

    private readonly Lock _gate = new();
    private readonly List<DoubleTask> _tasks = [];
    private readonly List<JsonObject> _creates = [];
    private readonly HashSet<string> _tokens = [];
    private readonly Queue<Refusal> _createFaults = new();
    private readonly Queue<Refusal> _queryFaults = new();
    private readonly byte[] _video;
    private LoopbackHttpServer? _server;
    private long _nextTaskId = 867283741759111202;
    private bool _expireNextToken;
    private bool _dropNextCreateAnswer;

    private KlingTestDouble(byte[] video, TimeProvider clock)
    {
        _video = video;
        Clock = clock;
    }

    /// <summary>The clock the double checks <c>nbf</c> and <c>exp</c> against.</summary>
    public TimeProvider Clock { get; }

    public string BaseUrl => (_server ?? throw new InvalidOperationException("The double has not started.")).BaseUrl;

    /// <summary>Unfinished tasks the account may hold; one more create is refused with 1303.</summary>
    public int Concurrency { get; set; } = 10;

    /// <summary>How many queries of a new task answer <c>submitted</c>, then how many answer <c>processing</c>.</summary>
    public int QueriesSubmitted { get; set; } = 1;

    public int QueriesProcessing { get; set; } = 1;

    /// <summary>When set, tasks created from now on end <c>failed</c> with this <c>task_status_msg</c>.</summary>
    public string? FailTasksWith { get; set; }

    /// <summary>The video every succeeded task links to.</summary>
    public IReadOnlyList<byte> Video => _video;

    /// <summary>Tasks created so far.</summary>
    public int TaskCount
    {
        get
        {
            lock (_gate)
            {
                return _tasks.Count;
            }
        }
    }

    /// <summary>Queries answered about existing tasks, all tasks together.</summary>
    public int TaskQueries
    {
        get
        {
            lock (_gate)
            {
                return _tasks.Sum(task => task.Queries);
            }
        }
    }

    /// <summary>The bodies of the creates that made a task, in order.</summary>
    public IReadOnlyList<JsonObject> Creates
    {
        get
        {
            lock (_gate)
            {
                return [.. _creates];
            }
        }
    }

    /// <summary>Distinct tokens the double accepted.</summary>
    public int AcceptedTokens
    {
        get
        {
            lock (_gate)
            {
                return _tokens.Count;
            }
        }
    }

    public int PendingFaults
    {
        get
        {
            lock (_gate)
            {
                return _createFaults.Count + _queryFaults.Count;
            }
        }
    }

    public static async Task<KlingTestDouble> StartAsync(byte[] video, TimeProvider? clock = null)
    {
        var kling = new KlingTestDouble(video, clock ?? TimeProvider.System);
        kling._server = await LoopbackHttpServer.StartAsync(app =>
        {
            app.MapPost(TasksPath, (Func<HttpContext, Task<IResult>>)kling.CreateAsync);
            app.MapGet(TasksPath + "/{id}", kling.Query);
            app.MapGet(TasksPath, kling.List);
            app.MapGet("/cdn/{taskId}.mp4", () => Results.Bytes(kling._video, "video/mp4"));
        });
        return kling;
    }

    /// <summary>The next create is answered with this refusal instead of being looked at.</summary>
    public void RefuseNextCreate(HttpStatusCode status, int code, string message)
    {
        lock (_gate)
        {
            _createFaults.Enqueue(new Refusal(status, code, message));
        }
    }

    /// <summary>The next query is answered with this refusal, the task untouched.</summary>
    public void RefuseNextQuery(HttpStatusCode status, int code, string message)
    {
        lock (_gate)
        {
            _queryFaults.Enqueue(new Refusal(status, code, message));
        }
    }

    /// <summary>The next call's token is refused as expired (1004), as if Kling's clock were ahead of ours.</summary>
    public void ExpireNextToken()
    {
        lock (_gate)
        {
            _expireNextToken = true;
        }
    }

    /// <summary>The next create makes its task, then drops the connection before answering.</summary>
    public void DropNextCreateAnswer()
    {
        lock (_gate)
        {
            _dropNextCreateAnswer = true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        if (await AuthenticateAsync(context) is { } refused)
        {
            return refused;
        }

        JsonObject body;
        try
        {
            body = (await JsonNode.ParseAsync(context.Request.Body))?.AsObject() ?? throw new InvalidOperationException();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return Refuse(HttpStatusCode.BadRequest, 1200, "invalid request body");
        }

        lock (_gate)
        {
            if (_createFaults.TryDequeue(out var fault))
            {
                return Refuse(fault.Status, fault.Code, fault.Message);
            }

            if (Validate(body) is { } invalid)
            {
                return invalid;
            }

            var externalId = (string?)body["external_task_id"];
            if (externalId is not null && _tasks.Any(task => task.ExternalId == externalId))
            {
                return Refuse(HttpStatusCode.BadRequest, 1201, "external_task_id already exists");
            }

            if (_tasks.Count(task => !task.IsFinished(this)) >= Concurrency)
            {
                return Refuse(HttpStatusCode.TooManyRequests, 1303, "parallel task over resource pack limit");
            }

            var created = new DoubleTask(
                (_nextTaskId++).ToString(CultureInfo.InvariantCulture), externalId, (string?)body["duration"] ?? "5", FailTasksWith, Clock.GetUtcNow());
            _tasks.Add(created);
            _creates.Add(body);
            if (_dropNextCreateAnswer)
            {
                _dropNextCreateAnswer = false;
                context.Abort();
                return Results.Empty;
            }

            return Answer(created.ToJson(this, BaseUrl));
        }
    }

    private async Task<IResult> Query(HttpContext context, string id)
    {
        if (await AuthenticateAsync(context) is { } refused)
        {
            return refused;
        }

        lock (_gate)
        {
            if (_queryFaults.TryDequeue(out var fault))
            {
                return Refuse(fault.Status, fault.Code, fault.Message);
            }

            var task = _tasks.FirstOrDefault(candidate => candidate.TaskId == id) ?? _tasks.FirstOrDefault(candidate => candidate.ExternalId == id);
            if (task is null)
            {
                return Refuse(HttpStatusCode.NotFound, 1203, "task not found");
            }

            task.Queries++;
            return Answer(task.ToJson(this, BaseUrl));
        }
    }

    private async Task<IResult> List(HttpContext context, int? pageNum, int? pageSize)
    {
        if (await AuthenticateAsync(context) is { } refused)
        {
            return refused;
        }

        var (page, size) = (pageNum ?? 1, pageSize ?? 30);
        if (page is < 1 or > 1000 || size is < 1 or > 500)
        {
            return Refuse(HttpStatusCode.BadRequest, 1201, "pageNum must be 1-1000 and pageSize 1-500");
        }

        lock (_gate)
        {
            return Answer(new JsonArray([.. _tasks.Skip((page - 1) * size).Take(size).Select(task => task.ToJson(this, BaseUrl))]));
        }
    }

    private async Task<IResult?> AuthenticateAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return Refuse(HttpStatusCode.Unauthorized, 1001, "Authorization is empty");
        }

        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : "";
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = AccessKey,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = true,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SecretKey)),
        });
        if (!validation.IsValid || validation.SecurityToken is not JsonWebToken jwt)
        {
            return Refuse(HttpStatusCode.Unauthorized, 1002, "Authorization is invalid");
        }

        var now = Clock.GetUtcNow().UtcDateTime;
        if (jwt.ValidFrom > now)
        {
            return Refuse(HttpStatusCode.Unauthorized, 1003, "Authorization is not yet valid");
        }

        lock (_gate)
        {
            if (jwt.ValidTo <= now || _expireNextToken)
            {
                _expireNextToken = false;
                return Refuse(HttpStatusCode.Unauthorized, 1004, "Authorization has expired");
            }

            _tokens.Add(token);
        }

        return null;
    }

    /// <summary>The create's fields as Kling validates them; null when it may be created.</summary>
    private static IResult? Validate(JsonObject body)
    {
        var model = (string?)body["model_name"] ?? "kling-v1";
        if (!Models.Contains(model))
        {
            return Refuse(HttpStatusCode.NotFound, 1203, $"model {model} does not exist");
        }

        var mode = (string?)body["mode"] ?? "std";
        if (mode is not ("std" or "pro"))
        {
            return Refuse(HttpStatusCode.BadRequest, 1201, "mode must be std or pro");
        }

        if ((string?)body["duration"] is { } duration && duration is not ("5" or "10"))
        {
            return Refuse(HttpStatusCode.BadRequest, 1201, "duration must be 5 or 10");
        }

        if (body.ContainsKey("cfg_scale") && model.StartsWith("kling-v2", StringComparison.Ordinal))
        {
            return Refuse(HttpStatusCode.BadRequest, 1201, "cfg_scale is not supported by kling-v2.x");
        }

        if (!IsPicture((string?)body["image"]) || (body.ContainsKey("image_tail") && !IsPicture((string?)body["image_tail"])))
        {
            return Refuse(HttpStatusCode.BadRequest, 1201, "Invalid image format");
        }

        var takesTail = model == "kling-v1" || (mode == "pro" && !model.EndsWith("-master", StringComparison.Ordinal));
        return body.ContainsKey("image_tail") && !takesTail
            ? Refuse(HttpStatusCode.BadRequest, 1201, $"image_tail is not supported by {model} in {mode} mode")
            : null;
    }

    /// <summary>Raw Base64 (no <c>data:</c> prefix) of a JPEG or PNG, or an https URL.</summary>
    private static bool IsPicture(string? image)
    {
        if (image is null)
        {
            return false;
        }

        if (image.StartsWith("https://", StringComparison.Ordinal))
        {
            return true;
        }

        var bytes = new byte[image.Length];
        if (!Convert.TryFromBase64String(image, bytes, out var length) || length < 8)
        {
            return false;
        }

        return bytes is [0xFF, 0xD8, 0xFF, ..] or [0x89, 0x50, 0x4E, 0x47, ..];
    }

    private static IResult Answer(JsonNode data) => Results.Json(new JsonObject
    {
        ["code"] = 0,
        ["message"] = "SUCCEED",
        ["request_id"] = Guid.NewGuid().ToString(),
        ["data"] = data,
    });

    private static IResult Refuse(HttpStatusCode status, int code, string message) => Results.Json(
        new JsonObject { ["code"] = code, ["message"] = message, ["request_id"] = Guid.NewGuid().ToString() },
        statusCode: (int)status);

    private sealed record Refusal(HttpStatusCode Status, int Code, string Message);

    /// <summary>A task whose status follows from how often it was queried; it holds a slot until it finishes.</summary>
    private sealed class DoubleTask(string taskId, string? externalId, string duration, string? failure, DateTimeOffset createdAt)
    {
        public string TaskId { get; } = taskId;

        public string? ExternalId { get; } = externalId;

        public int Queries { get; set; }

        public bool IsFinished(KlingTestDouble kling) => Status(kling) is "succeed" or "failed";

        public JsonObject ToJson(KlingTestDouble kling, string baseUrl)
        {
            var status = Status(kling);
            var task = new JsonObject
            {
                ["task_id"] = TaskId,
                ["task_status"] = status,
                ["task_status_msg"] = status == "failed" ? failure : "",
                ["task_info"] = new JsonObject { ["external_task_id"] = ExternalId },
                ["created_at"] = createdAt.ToUnixTimeMilliseconds(),
                ["updated_at"] = kling.Clock.GetUtcNow().ToUnixTimeMilliseconds(),
            };
            if (status == "succeed")
            {
                task["final_unit_deduction"] = duration == "10" ? "2" : "1";
                task["task_result"] = new JsonObject
                {
                    ["videos"] = new JsonArray(new JsonObject { ["id"] = "v" + TaskId, ["url"] = $"{baseUrl}/cdn/{TaskId}.mp4", ["duration"] = duration }),
                };
            }

            return task;
        }

        private string Status(KlingTestDouble kling) =>
            Queries <= kling.QueriesSubmitted ? "submitted"
            : Queries <= kling.QueriesSubmitted + kling.QueriesProcessing ? "processing"
            : failure is null ? "succeed" : "failed";
    }
}
