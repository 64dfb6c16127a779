namespace EnvioMassa.EvolutionSimulator.Webhooks;

/// <summary>Webhook URLs as they may be logged: a secret often rides in the query string or the user info.</summary>
public static class WebhookUrl
{
    public static string ForLog(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "(not an absolute URL)";
        }
        var shown = uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        return uri.Query.Length > 0 ? shown + "?…" : shown;
    }
}
