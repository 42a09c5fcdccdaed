# One build, two images: `docker build --target silo .` and `docker build --target api .` (docker-compose.yml uses both).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Silo/AiStudio.Silo.csproj -c Release -o /app/silo \
 && dotnet publish src/Api/AiStudio.Api.csproj -c Release -o /app/api

# Media work shells out to FFmpeg on the silos, and the API probes uploads with it.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg \
 && rm -rf /var/lib/apt/lists/*

FROM runtime AS silo
WORKDIR /app
COPY --from=build /app/silo .
ENTRYPOINT ["dotnet", "AiStudio.Silo.dll"]

FROM runtime AS api
WORKDIR /app
COPY --from=build /app/api .
ENTRYPOINT ["dotnet", "AiStudio.Api.dll"]
