using EnvioMassa.Api.Extensions;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EnvioMassa.Api.Campanhas;
using EnvioMassa.Contracts;
using EnvioMassa.Data;
using EnvioMassa.Data.Dominio;
using EnvioMassa.Data.Entities;
using EnvioMassa.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EnvioMassa.Api.Endpoints;

public static partial class CampanhasEndpoints
{
    const int MaximoDeIds = 50_000;
    const int MaximoDeCondicoes = 20;
    static readonly string[] StatusPendentes = [StatusEnvio.Pendente, StatusEnvio.Agendado, StatusEnvio.Enviando];

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex ComFuso();

    public static RouteGroupBuilder MapCampanhasEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/campanhas").WithTags("Campanhas");
        group.MapPost("/", Criar).Idempotente().WithSummary("Cria uma campanha em rascunho")
            .Produces<CampanhaSaida>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", Listar).WithSummary("Lista as campanhas, as mais novas primeiro")
            .Produces<IEnumerable<CampanhaSaida>>().ProducesValidationProblem();
        group.MapGet("/{id:int}", Obter).WithSummary("Uma campanha com os seus contadores")
            .Produces<CampanhaSaida>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:int}/destinatarios", IncluirDestinatarios).Idempotente().WithSummary("Inclui destinatários: por ids, por filtro ou todos")
            .Produces<DestinatariosSaida>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:int}/iniciar", Iniciar).Idempotente().WithSummary("Inicia a campanha agora ou agenda para agendarPara")
            .Transicao().ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:int}/pausar", Pausar).WithSummary("Pausa a campanha").Transicao().ProducesValidationProblem();
        group.MapPost("/{id:int}/retomar", Retomar).WithSummary("Retoma a campanha pausada").Transicao();
        group.MapPost("/{id:int}/cancelar", Cancelar).WithSummary("Cancela a campanha; o que não saiu não sai mais").Transicao();
        group.MapGet("/{id:int}/resumo", Resumo).WithSummary("Quantas linhas em cada status e entrega")
            .Produces<Dictionary<string, int>>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:int}/envios", Envios).WithSummary("As últimas linhas da campanha, num status")
            .Produces<IEnumerable<EnvioSaida>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:int}/envios.csv", ExportarEnvios)
            .WithSummary("Exporta todos os envios da campanha em CSV (UTF-8 com BOM), transmitido enquanto é lido")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:int}/reenviar", Reenviar).Idempotente()
            .WithSummary("Cria, em rascunho, uma campanha com as mesmas configurações para os envios da campanha finalizada nos status pedidos")
            .Produces<CampanhaSaida>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id:int}/previa", Previa)
            .WithSummary("A mensagem como o cliente a receberia, com a variação dele; não envia nada")
            .Produces<PreviaSaida>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:int}/teste", Testar).Idempotente()
            .WithSummary("Envia agora a mensagem de um cliente a um telefone de teste, pelo número da campanha, no ritmo dele; não conta nada")
            .Produces<TesteSaida>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    /// <summary>The message as the customer would get it (<see cref="MensagemDoCliente"/>); sends nothing.</summary>
    static async Task<IResult> Previa(int id, int? clienteId, EnvioMassaDbContext db, CancellationToken ct)
    {
        if (clienteId is not { } cid || cid <= 0)
            return Problemas.Invalido("clienteId", "Informe '?clienteId=' com o id de um cliente.");
        var campanha = await db.Campanhas.AsNoTracking().Include(c => c.Templates).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campanha is null)
            return NaoExiste(id);
        var cliente = await db.Clientes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cid, ct);
        if (cliente is null)
            return Problemas.Invalido("clienteId", $"O cliente {cid} não existe.", 422);
        var (mensagem, erro) = await MensagemDoCliente.MontarAsync(db, campanha, cliente, ct);
        return mensagem is null
            ? Problemas.Invalido("clienteId", erro!, 422)
            : Results.Ok(new PreviaSaida(mensagem.Texto, mensagem.Variacao, mensagem.TemplateId));
    }

    static async Task<IResult> Testar(int id, TesteEntrada entrada, EnvioDeTeste teste, CancellationToken ct)
    {
        var erros = new Erros();
        if (!Telefone.TryNormalizar(entrada.Telefone, out var telefone, out var motivo))
            erros.Adicionar("telefone", $"'telefone' inválido: {motivo}.");
        erros.Obrigatorio("clienteId", entrada.ClienteId);
        if (entrada.ClienteId is <= 0)
            erros.Adicionar("clienteId", "'clienteId' é um inteiro positivo.");
        if (erros.Algum)
            return erros.Resultado();

        return await teste.EnviarAsync(id, telefone, entrada.ClienteId!.Value, ct) switch
        {
            EnvioDeTeste.Enviado e => Results.Ok(new TesteSaida(e.MessageId, e.Texto, e.Telefone, e.InstanciaId)),
            EnvioDeTeste.CampanhaInexistente => NaoExiste(id),
            EnvioDeTeste.Impossivel i => Problemas.Invalido(i.Campo, i.Motivo, 422),
            EnvioDeTeste.Recusado r => Problemas.Invalido("telefone", r.Motivo, 422),
            EnvioDeTeste.NumeroIndisponivel n => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "O número da campanha não enviou o teste", detail: n.Motivo),
            _ => throw new InvalidOperationException("Resultado de teste inesperado."),
        };
    }

    /// <summary>A transition asked of the saga: 202 accepted, 409 refused in the current state, 503 no answer in time.</summary>
    static RouteHandlerBuilder Transicao(this RouteHandlerBuilder rota) => rota
        .Produces<TransicaoSaida>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>Headers first, then rows as they are read; a 404 only before anything was written.</summary>
    static async Task<IResult> ExportarEnvios(int id, ExportacaoDeEnvios exportacao, HttpContext http)
    {
        var ct = http.RequestAborted;
        if (await exportacao.InstanciaDaCampanhaAsync(id, ct) is not { } instancia)
            return NaoExiste(id);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{ExportacaoDeEnvios.NomeDoArquivo(id)}\"";
        await exportacao.EscreverAsync(id, instancia, http.Response.Body, ct);
        return Results.Empty;
    }

    static async Task<IResult> Reenviar(int id, ReenviarEntrada? entrada, ReenvioDeCampanha reenvio, CancellationToken ct)
    {
        var status = entrada?.Status is { Count: > 0 } pedidos ? pedidos.Distinct().ToList() : ReenvioDeCampanha.StatusPadrao;
        var erros = new Erros();
        foreach (var s in status.Where(s => !ReenvioDeCampanha.StatusReenviaveis.Contains(s)))
            erros.Adicionar("status", $"'{s}' não pode ser reenviado. Use um ou mais de: {string.Join(", ", ReenvioDeCampanha.StatusReenviaveis)}.");
        if (entrada?.InstanciaId is <= 0)
            erros.Adicionar("instanciaId", "'instanciaId' é um inteiro positivo.");
        if (erros.Algum)
            return erros.Resultado();

        return await reenvio.ReenviarAsync(id, status, entrada?.InstanciaId, ct) switch
        {
            Reenvio.Criada c => Results.Created($"/api/campanhas/{c.Campanha.Id}", CampanhaSaida.De(c.Campanha, c.Campanha.TotalClientes)),
            Reenvio.OrigemInexistente => NaoExiste(id),
            Reenvio.OrigemNaoFinal o => Problemas.Conflito(
                $"A campanha {id} está '{o.Status}': só uma campanha finalizada ({string.Join(", ", StatusCampanha.Finais)}) pode ser reenviada.",
                new Dictionary<string, object?> { ["statusAtual"] = o.Status }),
            Reenvio.Impossivel i => Problemas.Invalido(i.Erros, 422),
            _ => throw new InvalidOperationException("Resultado de reenvio inesperado."),
        };
    }

    static async Task<IResult> Criar(CampanhaEntrada entrada, EnvioMassaDbContext db, IOptions<EnvioMassaOptions> opcoes, CancellationToken ct)
    {
        var erros = new Erros();
        var nome = erros.Texto("nome", entrada.Nome, 255);
        var templates = VariacoesEntrada.Validar(entrada, erros);
        erros.Obrigatorio("instanciaId", entrada.InstanciaId);
        var ritmo = RitmoEntrada.Validar(entrada, erros);
        var janela = entrada.Janela is { } j ? JanelaEntrada.Validar(j, opcoes.Value.FusoPadrao, erros) : null;
        var midia = entrada.Midia is { } m ? MidiaEntrada.Validar(m, erros) : null;
        if (erros.Algum)
            return erros.Resultado();

        // Share-locked until the campaign is stored: a deletion of either waits, then sees the campaign that uses it.
        await using var tx = await TransacaoPropria.AbrirAsync(db.Database, ct);
        if (!await UsavelAsync(db, $"SELECT id AS Value FROM instancias WHERE id = {entrada.InstanciaId} AND excluida_em IS NULL LOCK IN SHARE MODE", ct))
            erros.Adicionar("instanciaId", $"A instância {entrada.InstanciaId} não existe.");
        foreach (var templateId in templates)
            if (!await UsavelAsync(db, $"SELECT id AS Value FROM templates WHERE id = {templateId} AND excluido_em IS NULL LOCK IN SHARE MODE", ct))
                erros.Adicionar(entrada.TemplateIds is null ? "templateId" : "templateIds", $"O template {templateId} não existe.");
        if (erros.Algum)
            return erros.Resultado(422);

        var campanha = new Campanha
        {
            Nome = nome,
            TemplateId = templates[0],
            Templates = [.. templates.Select((t, i) => new CampanhaTemplate { TemplateId = t, Ordem = i })],
            Variacao = entrada.Variacao ?? ConfiguracaoDeCampanha.VariacaoAleatoria,
            InstanciaId = entrada.InstanciaId!.Value,
            IntervaloSegundos = ritmo.IntervaloMinSegundos,
            IntervaloMaxSegundos = ritmo.IntervaloMaxSegundos,
            PausaLongaACada = ritmo.PausaLongaACada,
            PausaLongaSegundos = ritmo.PausaLongaSegundos,
            JanelaDias = janela?.Dias,
            JanelaInicio = janela?.Inicio,
            JanelaFim = janela?.Fim,
            JanelaFuso = janela?.Fuso,
            Digitando = entrada.Digitando ?? false,
            VerificarNumeros = entrada.VerificarNumeros ?? false,
            MidiaTipo = midia?.Tipo,
            MidiaUrl = midia?.Url,
            MidiaNomeArquivo = midia?.NomeArquivo,
            RetomarAutomaticamente = entrada.RetomarAutomaticamente ?? false,
            Status = StatusCampanha.Rascunho,
        };
        db.Campanhas.Add(campanha);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Results.Created($"/api/campanhas/{campanha.Id}", CampanhaSaida.De(campanha, pendentes: 0));
    }

    /// <summary>True when the locking query found the (not deleted) row.</summary>
    internal static async Task<bool> UsavelAsync(EnvioMassaDbContext db, FormattableString consulta, CancellationToken ct) =>
        (await db.Database.SqlQuery<int>(consulta).ToListAsync(ct)).Count > 0;

    static async Task<IResult> Listar(EnvioMassaDbContext db, CancellationToken ct, string? status = null, int limite = 100)
    {
        var erros = new Erros();
        if (status is not null && !StatusCampanha.Todos.Contains(status))
            erros.Adicionar("status", $"Status desconhecido '{status}'. Use um de: {string.Join(", ", StatusCampanha.Todos)}.");
        erros.Faixa("limite", limite, 1, 1000);
        if (erros.Algum)
            return erros.Resultado();

        var campanhas = await db.Campanhas.AsNoTracking().Include(c => c.Templates)
            .Where(c => status == null || c.Status == status)
            .OrderByDescending(c => c.Id)
            .Take(limite)
            .Select(c => new { Campanha = c, Pendentes = db.Envios.Count(e => e.CampanhaId == c.Id && StatusPendentes.Contains(e.Status)) })
            .ToListAsync(ct);
        return Results.Ok(campanhas.Select(c => CampanhaSaida.De(c.Campanha, c.Pendentes)));
    }

    static async Task<IResult> Obter(int id, EnvioMassaDbContext db, CancellationToken ct)
    {
        var campanha = await db.Campanhas.AsNoTracking().Include(c => c.Templates).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campanha is null)
            return NaoExiste(id);
        var pendentes = await db.Envios.CountAsync(e => e.CampanhaId == id && StatusPendentes.Contains(e.Status), ct);
        return Results.Ok(CampanhaSaida.De(campanha, pendentes));
    }

    static async Task<IResult> IncluirDestinatarios(
        int id, DestinatariosEntrada entrada, InclusaoDeDestinatarios inclusao, CancellationToken ct)
    {
        if (Selecao(entrada) is not { } selecao)
            return Problemas.Invalido(ErrosDeSelecao(entrada));

        return await inclusao.IncluirAsync(id, selecao, ct) switch
        {
            Inclusao.Feita f => Results.Ok(new DestinatariosSaida(f.Adicionados, f.Ignorados, f.Bloqueados)),
            Inclusao.CampanhaInexistente => NaoExiste(id),
            Inclusao.ForaDeRascunho f => Problemas.Conflito(
                $"Destinatários só podem ser incluídos enquanto a campanha está '{StatusCampanha.Rascunho}'; a campanha {id} está '{f.Status}'.",
                new Dictionary<string, object?> { ["statusAtual"] = f.Status }),
            Inclusao.ClientesInexistentes c => Problemas.Invalido("clienteIds",
                $"{c.Quantidade} cliente(s) não existem: {string.Join(", ", c.Exemplos)}{(c.Quantidade > c.Exemplos.Count ? ", ..." : "")}.", 422),
            _ => throw new InvalidOperationException("Resultado de inclusão inesperado."),
        };
    }

    static async Task<IResult> Iniciar(int id, IniciarEntrada? entrada, EnvioMassaDbContext db,
        ValidacaoDeInicio validacao, TransicoesDeCampanha transicoes, CancellationToken ct)
    {
        DateTime? agendarPara = null;
        if (!string.IsNullOrWhiteSpace(entrada?.AgendarPara))
        {
            if (!ComFuso().IsMatch(entrada.AgendarPara.Trim()) || !DateTimeOffset.TryParse(
                    entrada.AgendarPara.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var quando))
                return Problemas.Invalido("agendarPara",
                    "'agendarPara' deve ser data e hora ISO 8601 com fuso, ex.: 2026-12-01T09:00:00-03:00.");
            if (quando <= DateTimeOffset.UtcNow)
                return Problemas.Invalido("agendarPara", $"'agendarPara' ({entrada.AgendarPara}) já passou; informe um momento futuro.", 422);
            agendarPara = quando.UtcDateTime;
        }

        var campanha = await db.Campanhas.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campanha is null)
            return NaoExiste(id);

        // Where starting is not possible anyway the saga's 409 says why, naming the state, better than a checklist.
        if (campanha.Status is StatusCampanha.Rascunho or StatusCampanha.Agendada
            && await validacao.ValidarAsync(campanha, ct) is { Count: > 0 } erros)
            return Problemas.Invalido(erros, 422);

        return await transicoes.PedirAsync(new IniciarCampanha(CampanhaCorrelation.ParaGuid(id), id, agendarPara), id, "iniciar", ct);
    }

    static async Task<IResult> Pausar(int id, PausarEntrada? entrada, EnvioMassaDbContext db, TransicoesDeCampanha transicoes, CancellationToken ct)
    {
        var motivo = string.IsNullOrWhiteSpace(entrada?.Motivo) ? null : entrada.Motivo.Trim();
        if (motivo?.Length > 500)
            return Problemas.Invalido("motivo", $"'motivo' tem {motivo.Length} caracteres; o máximo é 500.");
        if (!await db.Campanhas.AnyAsync(c => c.Id == id, ct))
            return NaoExiste(id);
        return await transicoes.PedirAsync(new PausarCampanha(CampanhaCorrelation.ParaGuid(id), id, motivo), id, "pausar", ct);
    }

    static async Task<IResult> Retomar(int id, EnvioMassaDbContext db, TransicoesDeCampanha transicoes, CancellationToken ct) =>
        await db.Campanhas.AnyAsync(c => c.Id == id, ct)
            ? await transicoes.PedirAsync(new RetomarCampanha(CampanhaCorrelation.ParaGuid(id), id), id, "retomar", ct)
            : NaoExiste(id);

    static async Task<IResult> Cancelar(int id, EnvioMassaDbContext db, TransicoesDeCampanha transicoes, CancellationToken ct) =>
        await db.Campanhas.AnyAsync(c => c.Id == id, ct)
            ? await transicoes.PedirAsync(new CancelarCampanha(CampanhaCorrelation.ParaGuid(id), id), id, "cancelar", ct)
            : NaoExiste(id);

    static async Task<IResult> Resumo(int id, EnvioMassaDbContext db, CancellationToken ct)
    {
        if (!await db.Campanhas.AnyAsync(c => c.Id == id, ct))
            return NaoExiste(id);
        var contagens = await db.Envios.Where(e => e.CampanhaId == id)
            .GroupBy(e => e.Status)
            .Select(g => new { Status = g.Key, Quantidade = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Quantidade, ct);
        var entregas = await db.Envios.Where(e => e.CampanhaId == id && e.Entrega != null)
            .GroupBy(e => e.Entrega!)
            .Select(g => new { Entrega = g.Key, Quantidade = g.Count() })
            .ToDictionaryAsync(g => g.Entrega, g => g.Quantidade, ct);
        var resumo = StatusEnvio.Todos.ToDictionary(s => s, s => contagens.GetValueOrDefault(s));
        // As the campaign's counters: read (and played) messages were delivered too.
        resumo[StatusEntrega.Entregue] = entregas.Where(e => StatusEntrega.ContaComoEntregue(e.Key)).Sum(e => e.Value);
        resumo[StatusEntrega.Lida] = entregas.Where(e => StatusEntrega.ContaComoLida(e.Key)).Sum(e => e.Value);
        resumo[StatusEntrega.Reproduzida] = entregas.GetValueOrDefault(StatusEntrega.Reproduzida);
        resumo[StatusEntrega.Falhou] = entregas.GetValueOrDefault(StatusEntrega.Falhou);
        return Results.Ok(resumo);
    }

    static async Task<IResult> Envios(int id, EnvioMassaDbContext db, CancellationToken ct, string? status = null, int limite = 50)
    {
        var erros = new Erros();
        if (status is not null && !StatusEnvio.Todos.Contains(status))
            erros.Adicionar("status", $"Status desconhecido '{status}'. Use um de: {string.Join(", ", StatusEnvio.Todos)}.");
        erros.Faixa("limite", limite, 1, 500);
        if (erros.Algum)
            return erros.Resultado();
        if (!await db.Campanhas.AnyAsync(c => c.Id == id, ct))
            return NaoExiste(id);

        var envios = await db.Envios.AsNoTracking()
            .Where(e => e.CampanhaId == id && (status == null || e.Status == status))
            .OrderByDescending(e => e.DataEnvio).ThenByDescending(e => e.Id)
            .Take(limite)
            .Select(e => new EnvioSaida(e.Id, e.ClienteId, e.Cliente!.Telefone, e.Status, e.Tentativas, e.MessageId, e.ErroMensagem, e.DataEnvio,
                e.InstanciaId ?? e.Campanha!.InstanciaId, e.Entrega, e.EntregueEm, e.LidaEm, e.TemplateId))
            .ToListAsync(ct);
        return Results.Ok(envios);
    }

    static Selecao? Selecao(DestinatariosEntrada e)
    {
        if (ErrosDeSelecao(e).Count > 0)
            return null;
        if (e.ClienteIds is { } ids)
            return new Selecao.PorIds(ids);
        if (e.Filtro is { } filtro)
            return new Selecao.PorFiltro(filtro.Select(f => (CaminhoDeDados.ParaJsonPath(f.Key), Valor(f.Value)!)).ToList());
        return new Selecao.Todos();
    }

    static Dictionary<string, string[]> ErrosDeSelecao(DestinatariosEntrada e)
    {
        var erros = new Dictionary<string, string[]>();
        var formas = (e.ClienteIds is null ? 0 : 1) + (e.Filtro is null ? 0 : 1) + (e.Todos is null ? 0 : 1);
        if (formas != 1)
        {
            erros["corpo"] = ["Informe exatamente um de: clienteIds (lista de ids), filtro ({\"dados.campo\": valor}) ou todos (true)."];
            return erros;
        }
        if (e.Todos == false)
            erros["todos"] = ["'todos' só aceita true."];
        if (e.ClienteIds is { Count: 0 })
            erros["clienteIds"] = ["'clienteIds' está vazio."];
        else if (e.ClienteIds?.Count > MaximoDeIds)
            erros["clienteIds"] = [$"'clienteIds' tem {e.ClienteIds.Count} ids; o máximo por requisição é {MaximoDeIds}."];
        else if (e.ClienteIds?.Any(i => i <= 0) == true)
            erros["clienteIds"] = ["Ids de cliente são inteiros positivos."];
        if (e.Filtro is { Count: 0 })
            erros["filtro"] = ["'filtro' está vazio: informe ao menos uma condição, ex.: {\"dados.cidade\": \"Campinas\"}."];
        else if (e.Filtro?.Count > MaximoDeCondicoes)
            erros["filtro"] = [$"'filtro' aceita no máximo {MaximoDeCondicoes} condições."];
        foreach (var (campo, valor) in e.Filtro ?? [])
        {
            if (!CaminhoDeDados.EhValido(campo))
                erros[$"filtro.{campo}"] = [$"Campo de filtro '{campo}' inválido: use dados.<campo> (ex.: dados.cidade)."];
            else if (Valor(valor) is null)
                erros[$"filtro.{campo}"] = ["O valor do filtro deve ser texto, número ou booleano."];
        }
        return erros;
    }

    static string? Valor(JsonElement valor) => valor.ValueKind switch
    {
        JsonValueKind.String => valor.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => valor.GetRawText(),
        _ => null,
    };

    static IResult NaoExiste(int id) => Problemas.NaoEncontrado($"A campanha {id}");
}

/// <param name="IntervaloSegundos">A fixed gap; or <paramref name="IntervaloMinSegundos"/> and <paramref name="IntervaloMaxSegundos"/> for a random one.</param>
public sealed record CampanhaEntrada(
    string? Nome, int? TemplateId, int? InstanciaId, int? IntervaloSegundos, bool? RetomarAutomaticamente,
    int? IntervaloMinSegundos = null, int? IntervaloMaxSegundos = null, PausaLonga? PausaLonga = null, JanelaEntrada? Janela = null,
    List<int>? TemplateIds = null, string? Variacao = null, MidiaEntrada? Midia = null, bool? Digitando = null,
    bool? VerificarNumeros = null);

/// <summary>After every <paramref name="ACada"/> sends of a number, a gap of <paramref name="Segundos"/>.</summary>
public sealed record PausaLonga(int? ACada, int? Segundos);

public sealed record DestinatariosEntrada(List<int>? ClienteIds, Dictionary<string, JsonElement>? Filtro, bool? Todos);

/// <param name="Bloqueados">Selected customers whose phone is blocked (opt-out): never added.</param>
public sealed record DestinatariosSaida(int Adicionados, int Ignorados, int Bloqueados);

public sealed record IniciarEntrada(string? AgendarPara);

public sealed record PausarEntrada(string? Motivo);

/// <param name="Status">Which rows of the source to send again; <c>["erro"]</c> when absent.</param>
/// <param name="InstanciaId">Send through another number (the source's own may have been deleted).</param>
public sealed record ReenviarEntrada(List<string>? Status, int? InstanciaId);

public sealed record CampanhaSaida(
    int Id, string Nome, string Status, int TemplateId, IReadOnlyList<int> TemplateIds, string Variacao, int InstanciaId, int IntervaloSegundos,
    int IntervaloMinSegundos, int IntervaloMaxSegundos, PausaLonga? PausaLonga, JanelaEntrada? Janela, MidiaEntrada? Midia, bool Digitando,
    bool VerificarNumeros, string? MotivoEspera,
    int TotalClientes, int Enviados, int Sucessos, int Falhas, int Pendentes, int Entregues, int Lidas,
    DateTime? DataInicio, DateTime? DataConclusao, DateTime? AgendarPara, string? MotivoPausa,
    bool PausadaPelaInstancia, bool RetomarAutomaticamente, int? OrigemId, string? MotivoErro)
{
    /// <remarks>
    /// In <c>erro</c> the reason is kept where a pause keeps its own (<c>motivo_pausa</c>) and shown in both fields:
    /// <c>motivoErro</c> is set only then, so a client need not look at the status to know which one it reads.
    /// </remarks>
    public static CampanhaSaida De(Campanha c, int pendentes) => new(
        c.Id, c.Nome, c.Status, c.TemplateId,
        c.Templates.Count > 0 ? [.. c.Templates.OrderBy(t => t.Ordem).Select(t => t.TemplateId)] : [c.TemplateId], c.Variacao,
        c.InstanciaId, c.IntervaloSegundos,
        c.IntervaloSegundos, c.IntervaloMaxSegundos ?? c.IntervaloSegundos,
        c.PausaLongaACada is { } n ? new PausaLonga(n, c.PausaLongaSegundos) : null,
        JanelaEntrada.De(c), MidiaEntrada.De(c), c.Digitando, c.VerificarNumeros, c.Status == StatusCampanha.Enviando ? c.MotivoEspera : null,
        c.TotalClientes, c.Enviados, c.Sucessos, c.Falhas, pendentes, c.Entregues, c.Lidas,
        c.DataInicio, c.DataConclusao, c.AgendarPara, c.MotivoPausa,
        c.PausadaPelaInstancia, c.RetomarAutomaticamente, c.OrigemId, c.Status == StatusCampanha.Erro ? c.MotivoPausa : null);
}

/// <param name="Variacao">Which of the campaign's templates (1 = the first of <c>templateIds</c>).</param>
public sealed record PreviaSaida(string Texto, int Variacao, int TemplateId);

/// <param name="Telefone">Where to send the test (the operator's own phone, say).</param>
/// <param name="ClienteId">Whose message: rendered with this customer's data and variation.</param>
public sealed record TesteEntrada(string? Telefone, int? ClienteId);

/// <param name="MessageId">Evolution's id of the test message.</param>
/// <param name="Telefone">The phone it went to, normalised.</param>
/// <param name="InstanciaId">The number that sent it.</param>
public sealed record TesteSaida(string? MessageId, string Texto, string Telefone, int InstanciaId);

public sealed record EnvioSaida(
    int Id, int ClienteId, string Telefone, string Status, int Tentativas, string? MessageId, string? ErroMensagem, DateTime? DataEnvio,
    int InstanciaId, string? Entrega, DateTime? EntregueEm, DateTime? LidaEm, int? TemplateId = null);
