using EnvioMassa.ServiceDefaults;
using EnvioMassa.Worker;

var builder = EnvioMassaHost.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPipeline();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
