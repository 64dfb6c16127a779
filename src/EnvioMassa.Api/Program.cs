using EnvioMassa.Api.Endpoints;
using EnvioMassa.Api.Extensions;
using EnvioMassa.ServiceDefaults;

var builder = EnvioMassaHost.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
if (args.Contains(MigrationExtensions.MigrateCommand))
{
    await app.MigrateDatabaseAsync();
    return;
}

app.UseApiPipeline();
app.MapDefaultEndpoints();
app.MapApiEndpoints();
app.Run();

public partial class Program;
