# MessagesApi: compiled ahead of time (Native AOT) with the .NET 10 SDK, run on the chiseled runtime-deps image: no
# shell, no .NET runtime, non-root.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# Native AOT compiles with clang and links zlib.
RUN apt-get update && apt-get install -y --no-install-recommends clang zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Restore in its own layer: it is re-run only when the project or package versions change.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/MessagesApi/MessagesApi.csproj src/MessagesApi/
COPY src/ResourceServer.AspNetCore/ResourceServer.AspNetCore.csproj src/ResourceServer.AspNetCore/
COPY src/ResourceServer.AspNetCore.DevIssuer/ResourceServer.AspNetCore.DevIssuer.csproj src/ResourceServer.AspNetCore.DevIssuer/
RUN dotnet restore src/MessagesApi/MessagesApi.csproj --use-current-runtime
COPY src/ResourceServer.AspNetCore/ src/ResourceServer.AspNetCore/
COPY src/ResourceServer.AspNetCore.DevIssuer/ src/ResourceServer.AspNetCore.DevIssuer/
COPY src/MessagesApi/ src/MessagesApi/
# The project publishes with Native AOT: bench/lean.sh measures why (start-up, memory, throughput).
RUN dotnet publish src/MessagesApi/MessagesApi.csproj -c Release --no-restore --use-current-runtime -o /app

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app .
# Configuration keys as documented in README.md; AUTH0_DOMAIN and AUTH0_AUDIENCE have no default and must be given.
# The base image sets ASPNETCORE_HTTP_PORTS=8080, which the API refuses in favour of PORT: cleared here.
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS= \
    PORT=6060 \
    CLIENT_ORIGIN_URL=http://localhost:4040
EXPOSE 6060
USER app
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["/app/MessagesApi", "healthcheck"]
ENTRYPOINT ["/app/MessagesApi"]
