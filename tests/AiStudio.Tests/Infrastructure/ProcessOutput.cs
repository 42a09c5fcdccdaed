using System.Diagnostics;
using System.Text;

namespace AiStudio.Tests.Infrastructure;

/// <summary>Everything a child process writes to standard output and error, kept as it arrives for failure messages.</summary>
public sealed class ProcessOutput
{
    private readonly StringBuilder _lines = new();

    /// <summary>Listens to <paramref name="process"/>; its owner still calls <c>BeginOutputReadLine</c> and <c>BeginErrorReadLine</c>.</summary>
    public ProcessOutput(Process process)
    {
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
    }

    public override string ToString()
    {
        lock (_lines)
        {
            return _lines.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.AppendLine(line);
        }
    }
}
