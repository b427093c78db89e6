# MessagesApi: build with the .NET 10 SDK, run on the chiseled ASP.NET runtime (no shell, non-root).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore in its own layer: it is re-run only when the project or package versions change.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/MessagesApi/MessagesApi.csproj src/MessagesApi/
RUN dotnet restore src/MessagesApi/MessagesApi.csproj --use-current-runtime -p:PublishReadyToRun=true
COPY src/MessagesApi/ src/MessagesApi/
# ReadyToRun: precompiled code starts faster (bench/ measures the time to the first 200).
RUN dotnet publish src/MessagesApi/MessagesApi.csproj -c Release --no-restore --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app .
# Configuration keys as documented in README.md; AUTH0_DOMAIN and AUTH0_AUDIENCE have no default and must be given.
ENV ASPNETCORE_ENVIRONMENT=Production \
    PORT=6060 \
    CLIENT_ORIGIN_URL=http://localhost:4040
EXPOSE 6060
USER app
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["dotnet", "MessagesApi.dll", "healthcheck"]
ENTRYPOINT ["dotnet", "MessagesApi.dll"]
