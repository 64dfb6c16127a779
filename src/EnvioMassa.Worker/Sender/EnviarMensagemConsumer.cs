using EnvioMassa.Contracts;
using EnvioMassa.Data;
using EnvioMassa.Data.Dominio;
using EnvioMassa.Data.Entities;
using EnvioMassa.Evolution;
using EnvioMassa.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace EnvioMassa.Worker.Sender;

/// <summary>
/// Sends one detail row through Evolution. The row decides: the message is acted on only while the row is still
/// <c>agendado</c> for the message's slot and its campaign is <c>enviando</c>; the claim (row → <c>enviando</c>)
/// and the instance's pacing turn are taken in one transaction right before the call, so a redelivered, duplicated
/// or stale message sends nothing, and a pause committed before the claim stops the send.
/// </summary>
public sealed class EnviarMensagemConsumer(
    EnvioMassaDbContext db,
    IEvolutionClient evolution,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    IOptions<SenderOptions> options,
    IOptions<RabbitMqOptions> rabbit,
    ILogger<EnviarMensagemConsumer> logger) : IConsumer<EnviarMensagem>
{
    static readonly TimeSpan AtrasoTolerado = TimeSpan.FromMilliseconds(10);

    readonly SenderOptions _options = options.Value;

    sealed record Contexto(
        string Status,
        DateTime? AgendadoPara,
        int Tentativas,
        int FalhasInstancia,
        string StatusCampanha,
        int IntervaloSegundos,
        string Template,
        string Nome,
        string Telefone,
        string Dados,
        string EvolutionInstance,
        string? ApiKey,
        bool Digitando,
        string? MidiaTipo,
        string? MidiaUrl,
        string? MidiaNomeArquivo,
        bool VerificarNumeros);

    public async Task Consume(ConsumeContext<EnviarMensagem> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["CampanhaId"] = m.CampanhaId, ["EnvioId"] = m.EnvioId, ["InstanciaId"] = m.InstanciaId,
        });

        var dados = await CarregarAsync(m.EnvioId, ct);
        if (dados is null || dados.Status != StatusEnvio.Agendado || dados.AgendadoPara != m.AgendadoPara)
        {
            logger.LogDebug("Mensagem obsoleta ignorada (envio {Status}, agendado para {AgendadoPara:O})", dados?.Status, dados?.AgendadoPara);
            return;
        }

        if (dados.StatusCampanha != StatusCampanha.Enviando)
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                 UPDATE envios_massa_detalhes SET status = 'pendente', agendado_para = NULL
                 WHERE id = {m.EnvioId} AND status = 'agendado' AND agendado_para = {m.AgendadoPara}
                 """, ct);
            return;
        }

        var cliente = new Cliente { Nome = dados.Nome, Telefone = dados.Telefone, Dados = dados.Dados };
        if (!TemplateMensagem.TryRender(dados.Template, cliente, out var texto, out var erroTemplate))
        {
            var motivo = $"Mensagem não montada: {erroTemplate}";
            var movidas = await db.Database.ExecuteSqlAsync(
                $"""
                 UPDATE envios_massa_detalhes SET status = 'erro', erro_mensagem = {motivo}, agendado_para = NULL
                 WHERE id = {m.EnvioId} AND status = 'agendado' AND agendado_para = {m.AgendadoPara}
                 """, ct);
            if (movidas == 1)
                await Anunciar(context, new MensagemFalhou(m.CampanhaId, m.EnvioId, motivo, true, dados.Tentativas));
            return;
        }

        // A phone checked and not on WhatsApp is never sent; one not checked yet is checked in this send's turn.
        var verificar = false;
        if (dados.VerificarNumeros)
        {
            var verificacao = await VerificacaoDeNumeros.LerAsync(db, dados.Telefone, clock.GetUtcNow().UtcDateTime, ct);
            if (verificacao is { ExisteNoWhatsApp: false })
            {
                var motivo = VerificacaoDeNumeros.MotivoSemWhatsApp(dados.Telefone, verificacao.VerificadoEm);
                var movidas = await db.Database.ExecuteSqlAsync(
                    $"""
                     UPDATE envios_massa_detalhes SET status = 'erro', erro_mensagem = {motivo}, agendado_para = NULL,
                            data_envio = {clock.GetUtcNow().UtcDateTime}
                     WHERE id = {m.EnvioId} AND status = 'agendado' AND agendado_para = {m.AgendadoPara}
                     """, ct);
                if (movidas == 1)
                    await Anunciar(context, new MensagemFalhou(m.CampanhaId, m.EnvioId, motivo, true, dados.Tentativas));
                return;
            }
            verificar = verificacao is null;
        }

        var intervalo = TimeSpan.FromSeconds(dados.IntervaloSegundos);
        var digitacao = dados.Digitando && !verificar ? Digitacao.Duracao(texto, intervalo) : TimeSpan.Zero;
        TurnoReivindicado? turno;
        // Until the row is claimed, a process that is stopping takes no new send: it hands the row back instead.
        using (var espera = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.ApplicationStopping))
        {
            try
            {
                // Typing starts that long before the slot, so the message itself still leaves at it.
                var adiantado = m.AgendadoPara - digitacao - clock.GetUtcNow().UtcDateTime;
                if (adiantado > TimeSpan.Zero)
                    await Task.Delay(adiantado, clock, espera.Token);
                turno = await ReivindicarAsync(m, intervalo, digitacao, texto, espera.Token);
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                await db.Database.ExecuteSqlAsync(
                    $"""
                     UPDATE envios_massa_detalhes SET status = 'pendente', agendado_para = NULL
                     WHERE id = {m.EnvioId} AND status = 'agendado' AND agendado_para = {m.AgendadoPara}
                     """, CancellationToken.None);
                logger.LogInformation("Processo parando: envio devolvido para a fila sem ser enviado");
                return;
            }
        }

        if (turno is null)
        {
            logger.LogDebug("Envio já não estava agendado para este slot ou a campanha parou; nada enviado");
            return;
        }

        if (verificar)
        {
            await VerificarNaVezAsync(context, m, dados, turno);
            return;
        }

        // From here on the row is ours and Evolution is called once. Shutdown does not cancel the call: an in-flight
        // send finishes (bounded by the client's timeout) and its result is stored.
        SendResult? resultado = null;
        var digitando = digitacao > TimeSpan.Zero ? digitacao : (TimeSpan?)null;
        try
        {
            resultado = await new CampaignMessage(texto, dados.MidiaTipo, dados.MidiaUrl, dados.MidiaNomeArquivo)
                .SendAsync(evolution, dados.EvolutionInstance, dados.Telefone, dados.ApiKey, CancellationToken.None, turno.Prazo, digitando);
        }
        finally
        {
            // With "typing…" the message itself leaves that long after the request: that is the number's last send.
            var saiu = resultado?.DispatchedAt;
            var chamada = turno.Local - digitacao;
            if (saiu is { } s && s - chamada > AtrasoTolerado)
                logger.LogInformation("Envio saiu {Atraso} ms depois da sua vez", (int)(s - chamada).TotalMilliseconds);
            await StorePipeline.ExecuteAsync(async t => await PacingGate.ReleaseTurnAsync(db, m.InstanciaId, turno.Vez,
                saiu is { } x ? clock.GetUtcNow() - (x + digitacao) : null, t));
        }

        await RegistrarAsync(context, m, dados, resultado!);
    }

    /// <summary>
    /// The turn goes to checking the phone (and the next ones of the campaign) instead of sending: the row then goes
    /// back to the queue with its attempt uncounted, to be sent at a later slot, or fails for good when the phone is
    /// not on WhatsApp. A check that fails leaves nothing cached and the row waits as after a failed send.
    /// </summary>
    async Task VerificarNaVezAsync(ConsumeContext context, EnviarMensagem m, Contexto dados, TurnoReivindicado turno)
    {
        var agora = clock.GetUtcNow().UtcDateTime;
        var lote = await StorePipeline.ExecuteAsync(async t =>
            await VerificacaoDeNumeros.LoteAsync(db, m.CampanhaId, dados.Telefone, agora, t));
        IReadOnlyList<WhatsAppNumber>? respostas = null;
        EvolutionException? falha = null;
        var saiu = clock.GetUtcNow();
        try
        {
            respostas = await evolution.CheckNumbersAsync(dados.EvolutionInstance, lote, dados.ApiKey, CancellationToken.None);
        }
        catch (EvolutionException e)
        {
            falha = e;
        }
        finally
        {
            await StorePipeline.ExecuteAsync(async t => await PacingGate.ReleaseTurnAsync(db, m.InstanciaId, turno.Vez, clock.GetUtcNow() - saiu, t));
        }

        agora = clock.GetUtcNow().UtcDateTime;
        var propria = respostas?.FirstOrDefault(r => new string(r.Number.Where(char.IsAsciiDigit).ToArray()) == dados.Telefone);
        if (respostas is null || propria is null)
        {
            var motivo = $"Verificação do número na Evolution falhou: {falha?.Message ?? "a resposta não trouxe este número"}";
            var espera = falha?.Classification is SendOutcome.InstanceFailure or SendOutcome.InstanceGone ? _options.EsperaInstancia : _options.Backoff[0];
            await StorePipeline.ExecuteAsync(async t => await db.Database.ExecuteSqlAsync(
                $"""
                 UPDATE envios_massa_detalhes SET status = 'pendente', tentativas = tentativas - 1, enviando_desde = NULL, agendado_para = NULL,
                        erro_mensagem = {motivo}, proxima_tentativa = {agora + espera}, mensagem_enviada = NULL
                 WHERE id = {m.EnvioId} AND status = 'enviando'
                 """, t));
            logger.LogWarning("{Motivo}; o envio volta para a fila", motivo);
            return;
        }

        await StorePipeline.ExecuteAsync(async t => await VerificacaoDeNumeros.GuardarAsync(db, respostas, agora, t));
        logger.LogInformation("{Quantos} números verificados na Evolution, {SemWhatsApp} sem WhatsApp", respostas.Count, respostas.Count(r => !r.Exists));
        if (propria.Exists)
        {
            await StorePipeline.ExecuteAsync(async t => await db.Database.ExecuteSqlAsync(
                $"""
                 UPDATE envios_massa_detalhes SET status = 'pendente', tentativas = tentativas - 1, enviando_desde = NULL, agendado_para = NULL,
                        mensagem_enviada = NULL
                 WHERE id = {m.EnvioId} AND status = 'enviando'
                 """, t));
            return;
        }

        var semWhatsApp = VerificacaoDeNumeros.MotivoSemWhatsApp(dados.Telefone, agora);
        var movidas = await StorePipeline.ExecuteAsync(async t => await db.Database.ExecuteSqlAsync(
            $"""
             UPDATE envios_massa_detalhes SET status = 'erro', erro_mensagem = {semWhatsApp}, data_envio = {agora}, enviando_desde = NULL,
                    tentativas = tentativas - 1, mensagem_enviada = NULL
             WHERE id = {m.EnvioId} AND status = 'enviando'
             """, t));
        if (movidas == 1)
            await Anunciar(context, new MensagemFalhou(m.CampanhaId, m.EnvioId, semWhatsApp, true, dados.Tentativas));
    }

    async Task<Contexto?> CarregarAsync(int envioId, CancellationToken ct)
    {
        var linhas = await db.Database.SqlQuery<Contexto>(
                $"""
                 SELECT d.status AS Status, d.agendado_para AS AgendadoPara, d.tentativas AS Tentativas,
                        d.falhas_instancia AS FalhasInstancia, c.status AS StatusCampanha,
                        c.intervalo_segundos AS IntervaloSegundos, t.conteudo AS Template, cl.nome AS Nome,
                        cl.telefone AS Telefone, cl.dados AS Dados, i.evolution_instance AS EvolutionInstance,
                        i.api_key AS ApiKey, c.digitando AS Digitando, c.midia_tipo AS MidiaTipo, c.midia_url AS MidiaUrl,
                        c.midia_nome_arquivo AS MidiaNomeArquivo, c.verificar_numeros AS VerificarNumeros
                 FROM envios_massa_detalhes d
                 JOIN campanhas_envio_massa c ON c.id = d.campanha_id
                 JOIN templates t ON t.id = COALESCE(d.template_id, c.template_id)
                 JOIN clientes cl ON cl.id = d.cliente_id
                 JOIN instancias i ON i.id = c.instancia_id
                 WHERE d.id = {envioId}
                 """)
            .ToListAsync(ct);
        return linhas.Count == 0 ? null : linhas[0];
    }

    /// <param name="Local">When to call, by this process's clock.</param>
    /// <param name="Prazo">
    /// The latest moment the request may leave. Counted from before the claim was asked for: the turn is at least
    /// the lead after that, whatever happened since, so a sender stalled anywhere on the way (a commit that hung,
    /// a starved thread pool) cannot send later than <see cref="SenderOptions.MaxDispatchDelay"/> after its turn.
    /// </param>
    sealed record TurnoReivindicado(DateTime Vez, DateTimeOffset Local, DateTimeOffset Prazo);

    /// <summary>
    /// Takes the instance's pacing turn and claims the row, together or not at all, then waits for the turn.
    /// Returns the turn, or null when the row is no longer ours to send.
    /// </summary>
    /// <param name="digitacao">
    /// How long Evolution shows "typing…" before the message: the request leaves that long before the turn (which is
    /// when the message goes), so the typing is inside the gap and the gap between two messages stays whole.
    /// </param>
    async Task<TurnoReivindicado?> ReivindicarAsync(EnviarMensagem m, TimeSpan intervalo, TimeSpan digitacao, string texto, CancellationToken ct)
    {
        // The claim itself is never cancelled half-way (a commit cut short would leave its outcome unknown); only the
        // waits between attempts are.
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            PacingGate.Turno? turno;
            var pedidoEm = clock.GetUtcNow();
            await using (var tx = await db.Database.BeginTransactionAsync(CancellationToken.None))
            {
                // Lock order everywhere: instance, then campaign, then detail rows.
                turno = await PacingGate.TryTakeTurnAsync(db, clock, m.InstanciaId, intervalo, _options.TurnLead + digitacao, _options.TurnLease,
                    _options.MaxDispatchDelay, CancellationToken.None);
                if (turno is not null)
                {
                    var reivindicadas = await db.Database.ExecuteSqlAsync(
                        $"""
                         UPDATE envios_massa_detalhes d JOIN campanhas_envio_massa c ON c.id = d.campanha_id
                                JOIN instancias i ON i.id = c.instancia_id
                         SET d.status = 'enviando', d.enviando_desde = UTC_TIMESTAMP(3), d.tentativas = d.tentativas + 1,
                             d.mensagem_enviada = {texto}
                         WHERE d.id = {m.EnvioId} AND d.status = 'agendado' AND d.agendado_para = {m.AgendadoPara}
                           AND c.status = 'enviando' AND i.excluida_em IS NULL
                         """, CancellationToken.None);
                    if (reivindicadas != 1)
                        return null; // rolled back with the turn: nobody loses the slot
                    await tx.CommitAsync(CancellationToken.None);
                }
            }

            if (turno is not null)
            {
                var espera = turno.Local - digitacao - clock.GetUtcNow();
                if (espera > TimeSpan.Zero)
                    await Task.Delay(espera, clock, CancellationToken.None);
                return new TurnoReivindicado(turno.Vez, turno.Local, pedidoEm + _options.TurnLead + _options.MaxDispatchDelay);
            }

            await Task.Delay(await PacingGate.TimeToNextTurnAsync(db, m.InstanciaId, intervalo, _options.TurnLead + digitacao, ct), clock, ct);
        }
    }

    /// <summary>A result or a pause, bounded (ADR 0004): if RabbitMQ does not confirm it, the sweep announces it again.</summary>
    Task Anunciar(ConsumeContext context, object evento) => context.AnunciarAsync(evento, rabbit.Value.PublishTimeout, logger);

    ResiliencePipeline StorePipeline => _store ??= PipelineDeGravacao(_options.StoreResultFor);

    ResiliencePipeline? _store;

    /// <summary>
    /// Writes that follow a call already made must not be lost to a database hiccup: they are retried for a while
    /// (a MariaDB restart takes seconds) before giving up to the sweep. <paramref name="limite"/> bounds all the
    /// attempts together: the timeout is the outer strategy, so it cancels the retries, not each attempt.
    /// </summary>
    public static ResiliencePipeline PipelineDeGravacao(TimeSpan limite) => new ResiliencePipelineBuilder()
        .AddTimeout(limite)
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
            MaxRetryAttempts = int.MaxValue,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            MaxDelay = TimeSpan.FromSeconds(5),
            UseJitter = true,
        })
        .Build();

    /// <summary>Why an accepted send is stored on a row the sweep had already resolved as <c>incerto</c>.</summary>
    public const string AceitoDepoisDeIncerto =
        "Enviado: a Evolution aceitou a mensagem depois que a varredura a deu como incerta (o registro do resultado " +
        "demorou mais que Scheduler:SendingLease). Contada como incerta; o message_id guardado mostra que ela saiu.";

    async Task RegistrarAsync(ConsumeContext context, EnviarMensagem m, Contexto dados, SendResult resultado)
    {
        var tentativas = dados.Tentativas + 1;
        var agora = clock.GetUtcNow().UtcDateTime;
        var store = StorePipeline;

        switch (resultado.Outcome)
        {
            case SendOutcome.Accepted:
            {
                var movidas = await store.ExecuteAsync(async t => await db.Database.ExecuteSqlAsync(
                    $"""
                     UPDATE envios_massa_detalhes SET status = 'enviado', message_id = {resultado.MessageId},
                            data_envio = {agora}, erro_mensagem = NULL, enviando_desde = NULL
                     WHERE id = {m.EnvioId} AND status = 'enviando'
                     """, t));
                if (movidas == 0)
                {
                    // The sweep gave the row up as incerto meanwhile (and announced it): keep the proof that it went,
                    // so delivery updates still find it and the operator sees it was sent, but count nothing again.
                    await store.ExecuteAsync(async t => await db.Database.ExecuteSqlAsync(
                        $"""
                         UPDATE envios_massa_detalhes SET message_id = {resultado.MessageId}, erro_mensagem = {AceitoDepoisDeIncerto}
                         WHERE id = {m.EnvioId} AND status = 'incerto' AND message_id IS NULL
                         """, t));
                    logger.LogWarning("Mensagem aceita pela Evolution ({MessageId}) depois que o envio foi dado como incerto; fica incerto, com o message_id",
                        resultado.MessageId);
                    return;
                }
                logger.LogInformation("Mensagem enviada, Evolution {MessageId}", resultado.MessageId);
                await Anunciar(context, new MensagemEnviada(m.CampanhaId, m.EnvioId, resultado.MessageId ?? "", agora));
                return;
            }

            case SendOutcome.RecipientFailure:
                await Falhar(resultado.Description);
                return;

            case SendOutcome.Transient when tentativas - dados.FalhasInstancia >= _options.MaxTentativas:
                await Falhar($"Falhou em {_options.MaxTentativas} tentativas. Último erro: {resultado.Description}");
                return;

            case SendOutcome.Transient:
            {
                var contadas = tentativas - dados.FalhasInstancia;
                var espera = _options.Backoff[Math.Min(contadas - 1, _options.Backoff.Length - 1)];
                await Devolver(resultado.Description, agora + espera, falhaDaInstancia: false);
                return;
            }

            case SendOutcome.NotSent:
                // Nothing reached Evolution: the row goes back to the scheduler and this attempt does not count.
                await store.ExecuteAsync(async t => await db.Database.ExecuteSqlAsync(
                    $"""
                     UPDATE envios_massa_detalhes SET status = 'pendente', tentativas = tentativas - 1, enviando_desde = NULL,
                            agendado_para = NULL
                     WHERE id = {m.EnvioId} AND status = 'enviando'
                     """, t));
                logger.LogWarning("Envio não saiu a tempo da sua vez; volta para a fila sem contar tentativa");
                return;

            case SendOutcome.InstanceGone:
                await Devolver(resultado.Description, agora + _options.EsperaInstancia, falhaDaInstancia: true);
                // No retry brings this instance back (deleted in Evolution, or its Cloud API number deleted): erro, not a pause.
                await Anunciar(context, new CampanhaFalhou(CampanhaCorrelation.ParaGuid(m.CampanhaId), m.CampanhaId,
                    MotivoDeErro.InstanciaSemVolta(dados.EvolutionInstance, resultado.Description)));
                return;

            case SendOutcome.InstanceFailure:
                await Devolver(resultado.Description, agora + _options.EsperaInstancia, falhaDaInstancia: true);
                // The number is not reachable: stop the campaign rather than keep hitting a closed connection.
                await Anunciar(context, new PausarCampanha(CampanhaCorrelation.ParaGuid(m.CampanhaId), m.CampanhaId,
                    $"Instância {dados.EvolutionInstance} indisponível: {resultado.Description}", PelaInstancia: true));
                return;
        }

        async Task Falhar(string motivo)
        {
            var movidas = await store.ExecuteAsync(async t => await db.Database.ExecuteSqlAsync(
                $"""
                 UPDATE envios_massa_detalhes SET status = 'erro', erro_mensagem = {motivo}, data_envio = {agora}, enviando_desde = NULL
                 WHERE id = {m.EnvioId} AND status = 'enviando'
                 """, t));
            if (movidas == 0)
            {
                logger.LogWarning("Envio falhou ({Motivo}), mas já tinha sido dado como incerto pela varredura; fica incerto", motivo);
                return;
            }
            logger.LogWarning("Envio falhou de vez: {Motivo}", motivo);
            await Anunciar(context, new MensagemFalhou(m.CampanhaId, m.EnvioId, motivo, true, tentativas));
        }

        async Task Devolver(string motivo, DateTime naoAntesDe, bool falhaDaInstancia)
        {
            var incremento = falhaDaInstancia ? 1 : 0;
            var movidas = await store.ExecuteAsync(async t => await db.Database.ExecuteSqlAsync(
                $"""
                 UPDATE envios_massa_detalhes SET status = 'pendente', erro_mensagem = {motivo}, enviando_desde = NULL,
                        agendado_para = NULL, proxima_tentativa = {naoAntesDe}, falhas_instancia = falhas_instancia + {incremento}
                 WHERE id = {m.EnvioId} AND status = 'enviando'
                 """, t));
            if (movidas == 0)
            {
                logger.LogWarning("Envio não foi aceito ({Motivo}), mas já tinha sido dado como incerto pela varredura; fica incerto", motivo);
                return;
            }
            logger.LogInformation("Envio volta para a fila: {Motivo}", motivo);
            await Anunciar(context, new MensagemFalhou(m.CampanhaId, m.EnvioId, motivo, false, tentativas));
        }
    }
}
