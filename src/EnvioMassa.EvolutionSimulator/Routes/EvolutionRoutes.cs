namespace EnvioMassa.EvolutionSimulator.Routes;

public static class EvolutionRoutes
{
    /// <summary>The Evolution API v2 routes the project uses, behind Evolution's guards.</summary>
    public static IEndpointRouteBuilder MapEvolutionRoutes(this IEndpointRouteBuilder app)
    {
        var evolution = app.MapGroup("").AddEndpointFilter<EvolutionGuardFilter>();
        evolution.MapPost("/message/sendText/{instance}", MessageRoutes.SendText);
        evolution.MapPost("/message/sendMedia/{instance}", MessageRoutes.SendMedia);
        evolution.MapGet("/instance/connectionState/{instance}", QueryRoutes.ConnectionState);
        evolution.MapPost("/chat/whatsappNumbers/{instance}", QueryRoutes.WhatsAppNumbers);
        evolution.MapPost("/webhook/set/{instance}", WebhookRoutes.Set);
        return app;
    }
}
