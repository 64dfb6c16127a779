using System.Text.Json;
using EnvioMassa.Contracts;
using EnvioMassa.Data.Entities;
using EnvioMassa.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Options;

namespace EnvioMassa.Api.Webhooks;

/// <summary>
/// <c>messages.update</c> (delivery and read status of what was sent) and <c>messages.upsert</c> (what customers
/// write back). The webhook only reads them and hands them to the bus: the worker applies them, so a burst of
/// updates costs the webhook one publish each and never competes with the senders for the database here.
/// </summary>
public sealed class MensagensDoWhatsApp(IPublishEndpoint publish, IOptions<RabbitMqOptions> rabbit, TimeProvider relogio,
    ILogger<MensagensDoWhatsApp> logger)
{
    public async Task<WebhookSaida> AtualizacoesAsync(EventoEvolution evento, CancellationToken ct)
    {
        var recebidaEm = relogio.GetUtcNow().UtcDateTime;
        var instancia = evento.Instance ?? "";
        var eventos = new List<EntregaInformada>();
        foreach (var item in evento.Itens())
        {
            // Updates of messages customers sent us (we read them) say nothing about a send.
            if (item.Logico("fromMe") == false || item.Texto("keyId") is not { Length: > 0 } keyId)
                continue;
            if (StatusEntrega.DaEvolution(item.TextoOuNumero("status")) is { } entrega)
                eventos.Add(new EntregaInformada(instancia, keyId, entrega, recebidaEm));
        }

        await PublicarAsync(eventos, ct);
        return new WebhookSaida(eventos.Count > 0 ? $"{eventos.Count} status de entrega recebido(s)" : "ignorado: nenhum status de entrega");
    }

    public async Task<WebhookSaida> RecebidasAsync(EventoEvolution evento, CancellationToken ct)
    {
        var recebidaEm = relogio.GetUtcNow().UtcDateTime;
        var respostas = evento.Itens()
            .Select(item => Resposta(evento.Instance ?? "", item, recebidaEm))
            .OfType<RespostaRecebida>()
            .ToList();
        await PublicarAsync(respostas, ct);
        return new WebhookSaida(respostas.Count > 0 ? $"{respostas.Count} mensagem(ns) recebida(s)" : "ignorado: nenhuma mensagem de cliente");
    }

    /// <summary>
    /// Null for what is not a customer writing to us: our own messages (<c>fromMe</c>), groups, status broadcasts.
    /// Evolution names the sender by JID; with WhatsApp's LID addressing the phone is in <c>remoteJidAlt</c>.
    /// </summary>
    static RespostaRecebida? Resposta(string instancia, JsonElement item, DateTime recebidaEm)
    {
        if (item.Objeto("key") is not { } key || key.Logico("fromMe") != false || key.Texto("id") is not { Length: > 0 } id
            || key.Texto("remoteJid") is not { Length: > 0 } remoteJid
            || remoteJid.EndsWith("@g.us", StringComparison.Ordinal) || remoteJid.StartsWith("status@", StringComparison.Ordinal))
            return null;

        var telefone = Telefone(remoteJid) ?? Telefone(key.Texto("remoteJidAlt"));
        var mensagem = item.Objeto("message");
        var texto = mensagem?.Texto("conversation")
                    ?? mensagem?.Objeto("extendedTextMessage")?.Texto("text")
                    ?? new[] { "imageMessage", "videoMessage", "documentMessage" }
                        .Select(tipo => mensagem?.Objeto(tipo)?.Texto("caption"))
                        .FirstOrDefault(legenda => legenda is not null);
        DateTime? enviadaEm = long.TryParse(item.TextoOuNumero("messageTimestamp"), out var segundos) && segundos > 0
            ? DateTimeOffset.FromUnixTimeSeconds(segundos).UtcDateTime
            : null;
        return new RespostaRecebida(instancia, id, remoteJid, telefone, item.Texto("pushName"), texto, item.Texto("messageType"),
            enviadaEm, recebidaEm);
    }

    static string? Telefone(string? jid)
    {
        const string usuario = "@s.whatsapp.net";
        if (jid is null || !jid.EndsWith(usuario, StringComparison.Ordinal))
            return null;
        var numero = jid[..^usuario.Length].Split(':')[0];
        return numero.Length is > 0 and <= 20 && numero.All(char.IsAsciiDigit) ? numero : null;
    }

    /// <summary>
    /// Not confirmed by the broker in time: the webhook answers 503, which Evolution retries (from 5 s on), so nothing
    /// is lost; a repeated update or reply is harmless, the worker applies each once.
    /// </summary>
    async Task PublicarAsync<T>(IReadOnlyList<T> eventos, CancellationToken ct) where T : class
    {
        if (eventos.Count == 0)
            return;
        await PublicacaoComPrazo.ExecutarAsync(limite => publish.PublishBatch(eventos, limite), rabbit.Value.PublishTimeout,
            $"{eventos.Count} {typeof(T).Name}", ct);
        logger.LogDebug("{Quantidade} {Evento} publicados", eventos.Count, typeof(T).Name);
    }
}
