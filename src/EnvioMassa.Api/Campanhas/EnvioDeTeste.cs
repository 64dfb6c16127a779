using EnvioMassa.Data;
using EnvioMassa.Data.Dominio;
using EnvioMassa.Evolution;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Api.Campanhas;

/// <summary>
/// <c>POST /api/campanhas/{id}/teste</c>: one customer's message, as the campaign would send it (variation, media),
/// sent now to a phone the operator gives, through the campaign's number. It changes no row and counts nowhere, but
/// it is a real message from that number: it takes the number's pacing turn like any send (ADR 0002), so a test
/// during a campaign waits for its gap instead of squeezing between two paced sends.
/// </summary>
public sealed class EnvioDeTeste(EnvioMassaDbContext db, IEvolutionClient evolution, TimeProvider clock, ILogger<EnvioDeTeste> logger)
{
    // As the sender's defaults (Sender:TurnLead, TurnLease, MaxDispatchDelay): see SenderOptions.
    static readonly TimeSpan Antecedencia = TimeSpan.FromMilliseconds(150);
    static readonly TimeSpan Concessao = TimeSpan.FromSeconds(30);
    static readonly TimeSpan AtrasoMaximo = TimeSpan.FromSeconds(1);

    /// <summary>How long a test waits for the number's turn before giving up (a campaign at a long gap is sending).</summary>
    public static readonly TimeSpan EsperaMaxima = TimeSpan.FromSeconds(45);

    public abstract record Resultado;

    public sealed record Enviado(string? MessageId, string Texto, string Telefone, int InstanciaId) : Resultado;

    public sealed record CampanhaInexistente : Resultado;

    /// <summary>Nothing was sent: the campaign or the customer makes it impossible.</summary>
    public sealed record Impossivel(string Campo, string Motivo) : Resultado;

    /// <summary>Evolution refused this phone or this message (not on WhatsApp, say).</summary>
    public sealed record Recusado(string Motivo) : Resultado;

    /// <summary>The number could not send now (disconnected, Evolution unreachable, no turn in time).</summary>
    public sealed record NumeroIndisponivel(string Motivo) : Resultado;

    sealed record Numero(string EvolutionInstance, string? ApiKey);

    public async Task<Resultado> EnviarAsync(int campanhaId, string telefone, int clienteId, CancellationToken ct)
    {
        var campanha = await db.Campanhas.AsNoTracking().Include(c => c.Templates).FirstOrDefaultAsync(c => c.Id == campanhaId, ct);
        if (campanha is null)
            return new CampanhaInexistente();
        var cliente = await db.Clientes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clienteId, ct);
        if (cliente is null)
            return new Impossivel("clienteId", $"O cliente {clienteId} não existe.");
        var (mensagem, erro) = await MensagemDoCliente.MontarAsync(db, campanha, cliente, ct);
        if (mensagem is null)
            return new Impossivel("clienteId", erro!);
        var numero = (await db.Database.SqlQuery<Numero>(
                $"""
                 SELECT evolution_instance AS EvolutionInstance, api_key AS ApiKey FROM instancias
                 WHERE id = {campanha.InstanciaId} AND excluida_em IS NULL
                 """)
            .ToListAsync(ct)).FirstOrDefault();
        if (numero is null)
            return new Impossivel("instanciaId", $"A instância {campanha.InstanciaId} da campanha foi excluída: não há número para o teste.");

        var intervalo = TimeSpan.FromSeconds(campanha.IntervaloSegundos);
        var desistirEm = clock.GetUtcNow() + EsperaMaxima;
        while (true)
        {
            var pedidoEm = clock.GetUtcNow();
            PacingGate.Turno? turno;
            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                turno = await PacingGate.TryTakeTurnAsync(db, clock, campanha.InstanciaId, intervalo, Antecedencia, Concessao, AtrasoMaximo, ct);
                await tx.CommitAsync(ct);
            }
            if (turno is null)
            {
                if (clock.GetUtcNow() > desistirEm)
                    return new NumeroIndisponivel(
                        $"O número {numero.EvolutionInstance} não teve uma vez livre em {EsperaMaxima.TotalSeconds:0} s (está enviando outra campanha " +
                        "num intervalo longo). Tente de novo em instantes.");
                await Task.Delay(await PacingGate.TimeToNextTurnAsync(db, campanha.InstanciaId, intervalo, Antecedencia, ct), clock, ct);
                continue;
            }

            var espera = turno.Local - clock.GetUtcNow();
            if (espera > TimeSpan.Zero)
                await Task.Delay(espera, clock, CancellationToken.None);
            SendResult? resultado = null;
            try
            {
                var prazo = pedidoEm + Antecedencia + AtrasoMaximo;
                resultado = await new CampaignMessage(mensagem.Texto, campanha.MidiaTipo, campanha.MidiaUrl, campanha.MidiaNomeArquivo)
                    .SendAsync(evolution, numero.EvolutionInstance, telefone, numero.ApiKey, CancellationToken.None, prazo);
            }
            finally
            {
                var saiu = resultado?.DispatchedAt;
                await PacingGate.ReleaseTurnAsync(db, campanha.InstanciaId, turno.Vez, saiu is { } x ? clock.GetUtcNow() - x : null,
                    CancellationToken.None);
            }

            logger.LogInformation("Teste da campanha {CampanhaId} pelo número {InstanciaId}: {Resultado}", campanhaId, campanha.InstanciaId,
                resultado.Outcome);
            switch (resultado.Outcome)
            {
                case SendOutcome.Accepted:
                    return new Enviado(resultado.MessageId, mensagem.Texto, telefone, campanha.InstanciaId);
                case SendOutcome.NotSent:
                    continue; // this process stalled past its turn: nothing left, ask for another
                case SendOutcome.RecipientFailure:
                    return new Recusado($"A Evolution recusou o teste para {telefone}: {resultado.Description}");
                default:
                    return new NumeroIndisponivel($"O número {numero.EvolutionInstance} não enviou o teste: {resultado.Description}");
            }
        }
    }
}
