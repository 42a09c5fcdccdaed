using System.Text.Json.Nodes;

namespace AiStudio.Tests.Providers.Fal;

/// <summary>One request in the fal test double's queue, moved along its <see cref="Script"/> by status polls.</summary>
public sealed class FalTestRequest(string id, string model, JsonObject input, FalJobScript script, string? validationError)
{
    private readonly Lock _gate = new();
    private int _runningPollsLeft = script.RunningPolls;

    public string Id { get; } = id;

    public string Model { get; } = model;

    public JsonObject Input { get; } = input;

    public FalJobScript Script { get; } = script;

    /// <summary>Why the model rejects the input (answered as a 422 on the result), or null.</summary>
    public string? ValidationError { get; } = validationError;

    public string Status { get; private set; } = script.QueuePosition < 0 ? "IN_PROGRESS" : "IN_QUEUE";

    public int QueuePosition { get; private set; } = Math.Max(script.QueuePosition, 0);

    public bool Canceled { get; private set; }

    public int Logs { get; private set; }

    /// <summary>Answers where the request is, then moves it one step along its script.</summary>
    public (string Status, int QueuePosition, int Logs) Poll()
    {
        lock (_gate)
        {
            var answer = (Status, QueuePosition, Logs);
            switch (Status)
            {
                case "IN_QUEUE" when QueuePosition > 0:
                    QueuePosition--;
                    break;
                case "IN_QUEUE":
                    Status = "IN_PROGRESS";
                    break;
                case "IN_PROGRESS":
                    Logs++;
                    if (--_runningPollsLeft <= 0)
                    {
                        Status = "COMPLETED";
                    }

                    break;
            }

            return answer;
        }
    }

    /// <summary>Applies a cancel as fal does; answers whether the request was still unfinished.</summary>
    public bool Cancel()
    {
        lock (_gate)
        {
            if (Status == "COMPLETED")
            {
                return false;
            }

            if (Status == "IN_QUEUE" || Script.HonoursCancel)
            {
                (Status, Canceled) = ("COMPLETED", true);
            }

            return true;
        }
    }
}
