# Builds the API or the worker: docker build --build-arg HOST=Api|Worker .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG HOST=Api
WORKDIR /src
COPY global.json nuget.config Directory.Build.props Directory.Packages.props ./
COPY src/ src/
COPY db/ db/
RUN dotnet publish src/Tasklane.${HOST}/Tasklane.${HOST}.csproj -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG HOST=Api
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 DOTNET_ENVIRONMENT=Production HOST_DLL=Tasklane.${HOST}.dll
EXPOSE 8080
USER app
ENTRYPOINT ["sh", "-c", "exec dotnet \"$HOST_DLL\" \"$@\"", "--"]
