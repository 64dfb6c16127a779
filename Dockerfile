# One image recipe for every deployable: docker build --build-arg PROJECT=EnvioMassa.Worker .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
WORKDIR /src
COPY . .
RUN dotnet publish "src/${PROJECT}/${PROJECT}.csproj" -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG PROJECT
ENV PROJECT=${PROJECT} ASPNETCORE_URLS=http://0.0.0.0:8080
WORKDIR /app
COPY --from=build /app .
EXPOSE 8080
# Arguments after the image name reach the app: docker run <api image> migrate applies the migrations and exits.
ENTRYPOINT ["sh", "-c", "exec dotnet \"/app/${PROJECT}.dll\" \"$@\"", "--"]
