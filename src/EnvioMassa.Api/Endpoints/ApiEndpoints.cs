using EnvioMassa.Api.Extensions;

namespace EnvioMassa.Api.Endpoints;

public static class ApiEndpoints
{
    /// <summary>Every route under <c>/api</c> needs the API key; the Evolution webhook has its own shared secret.</summary>
    public static WebApplication MapApiEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Extensions.Extensions.ApiPolicy).ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapInstanciasEndpoints();
        api.MapClientesEndpoints();
        api.MapTemplatesEndpoints();
        api.MapCampanhasEndpoints();
        api.MapAcompanhamentoEndpoints();
        api.MapBloqueiosEndpoints();
        app.MapWebhooksEndpoints();
        app.MapDocumentacaoDaApi();
        return app;
    }
}
