#!/usr/bin/env bash
# Speed bar of issue 3: compiling 10 clips of 5 s at 1280x720 with background music must take at most 2x a plain
# `ffmpeg -f concat -safe 0 -i list -c copy out.mp4` of the same clips. Prints the figures and the ratio.
# Usage: scripts/bench-compile.sh [repetitions]   (default 5; exits 1 when the ratio is above 2.0)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build scripts/BenchCompile -c Release -v quiet -nologo >/dev/null
exec dotnet scripts/BenchCompile/bin/Release/net10.0/AiStudio.BenchCompile.dll "$@"
