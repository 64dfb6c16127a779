using EnvioMassa.Data;
using EnvioMassa.Data.Dominio;
using EnvioMassa.Data.Entities;
using EnvioMassa.Evolution;
using Microsoft.EntityFrameworkCore;

namespace EnvioMassa.Api.Campanhas;

/// <summary>
/// What must hold before a campaign is handed to the saga: it has recipients, its template renders for every one of
/// them, and its instance is connected (<c>open</c>) according to Evolution right now. Every problem found is reported,
/// by field, in words an operator can act on.
/// </summary>
public sealed class ValidacaoDeInicio(EnvioMassaDbContext db, IEvolutionClient evolution, ILogger<ValidacaoDeInicio> logger)
{
    public async Task<Dictionary<string, string[]>> ValidarAsync(Campanha campanha, CancellationToken ct)
    {
        var erros = new Dictionary<string, string[]>();
        var destinatarios = db.Envios.AsNoTracking()
            .Where(e => e.CampanhaId == campanha.Id && e.Status == StatusEnvio.Pendente);

        if (!await destinatarios.AnyAsync(ct))
            erros["destinatarios"] =
                [$"A campanha não tem destinatários: inclua clientes em POST /api/campanhas/{campanha.Id}/destinatarios."];
        else
        {
            var templates = await db.CampanhaTemplates.AsNoTracking().Where(t => t.CampanhaId == campanha.Id)
                .OrderBy(t => t.Ordem).Select(t => t.TemplateId).ToListAsync(ct);
            var problemas = new List<string>();
            foreach (var templateId in templates.Count > 0 ? templates : [campanha.TemplateId])
                if (await TemplateAsync(templateId, destinatarios, ct) is { } erroDoTemplate)
                    problemas.Add(erroDoTemplate);
            if (problemas.Count > 0)
                erros[templates.Count > 1 ? "templateIds" : "templateId"] = [.. problemas];
        }

        if (await InstanciaAsync(campanha, ct) is { } erroDaInstancia)
            erros["instanciaId"] = [erroDaInstancia];
        return erros;
    }

    /// <summary>Each variation may go to any recipient, so each must render for every one.</summary>
    async Task<string?> TemplateAsync(int templateId, IQueryable<EnvioDetalhe> destinatarios, CancellationToken ct)
    {
        var template = await db.Templates.AsNoTracking().Vivos().FirstOrDefaultAsync(t => t.Id == templateId, ct);
        if (template is null)
            return $"O template {templateId} não existe mais.";
        var desconhecidos = TemplateMensagem.PlaceholdersDesconhecidos(template.Conteudo);
        if (desconhecidos.Count > 0)
            return $"O template {template.Id} tem placeholders desconhecidos: {string.Join(", ", desconhecidos)}.";

        var falhas = 0;
        (int ClienteId, string Erro)? exemplo = null;
        var clientes = destinatarios
            .Select(e => new Cliente { Id = e.Cliente!.Id, Nome = e.Cliente.Nome, Telefone = e.Cliente.Telefone, Dados = e.Cliente.Dados })
            .AsAsyncEnumerable();
        await foreach (var cliente in clientes.WithCancellation(ct))
        {
            if (TemplateMensagem.TryRender(template.Conteudo, cliente, out _, out var erro))
                continue;
            falhas++;
            exemplo ??= (cliente.Id, erro!);
        }
        return exemplo is { } e
            ? $"O template {template.Id} não pode ser preenchido para {falhas} destinatário(s); por exemplo, o cliente {e.ClienteId}: {e.Erro}."
            : null;
    }

    async Task<string?> InstanciaAsync(Campanha campanha, CancellationToken ct)
    {
        var instancia = await db.Instancias.AsNoTracking().Vivas().FirstOrDefaultAsync(i => i.Id == campanha.InstanciaId, ct);
        if (instancia is null)
            return $"A instância {campanha.InstanciaId} não existe mais.";

        var resultado = await evolution.GetConnectionStateAsync(instancia.EvolutionInstance, instancia.ApiKey, ct);
        if (resultado.State.NomeNoEvolution() is { } estado)
            await db.Instancias.Where(i => i.Id == instancia.Id).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Estado, estado)
                .SetProperty(i => i.EstadoAtualizadoEm, DateTime.UtcNow), ct);
        if (resultado.IsOpen)
            return null;

        logger.LogInformation("Campanha {CampanhaId} não iniciada: instância {Instancia} em {Estado}",
            campanha.Id, instancia.EvolutionInstance, resultado.State);
        if (resultado.State.NomeNoEvolution() is { } encontrado)
            return $"A instância '{instancia.EvolutionInstance}' não está conectada ao WhatsApp: o Evolution informou o estado " +
                   $"'{encontrado}'. Conecte o número (estado 'open') e tente de novo.";
        var motivo = string.IsNullOrWhiteSpace(resultado.Reason) ? "" : $" ({resultado.Reason})";
        return $"Não foi possível confirmar que a instância '{instancia.EvolutionInstance}' está conectada: " +
               $"{Descricao(resultado.State)}{motivo}; estado encontrado: '{EstadoInstancia.Desconhecido}'.";
    }

    static string Descricao(InstanceConnectionState state) => state switch
    {
        InstanceConnectionState.NotFound => "instância inexistente no Evolution",
        InstanceConnectionState.Unauthorized => "chave recusada pelo Evolution",
        InstanceConnectionState.Unreachable => "Evolution inacessível",
        _ => EstadoInstancia.Desconhecido,
    };
}
