using System.Collections.Concurrent;

namespace EnvioMassa.Worker.Scheduler;

/// <summary>
/// What this scheduler process last learned from Evolution about each instance that has a campaign <c>enviando</c>.
/// The scheduler hands out slots only for an instance checked since its campaigns started sending and not found
/// disconnected, so a campaign started on a closed number sends nothing before the check pauses it.
/// </summary>
public sealed class EstadoDasInstancias
{
    /// <param name="Campanhas">Which campaigns (id and saga version) were sending when it was checked.</param>
    sealed record Verificacao(DateTimeOffset Em, bool Bloqueada, string Campanhas);

    readonly ConcurrentDictionary<int, Verificacao> _ultimas = new();

    /// <summary>True once the instance was checked and Evolution did not say it is disconnected.</summary>
    public bool PodeAgendar(int instanciaId) => _ultimas.TryGetValue(instanciaId, out var v) && !v.Bloqueada;

    /// <summary>
    /// Due when the interval has passed, and at once when a campaign started sending on the instance since the last
    /// check: a new campaign, or one resumed (its saga version moved), perhaps after the number was reconnected.
    /// </summary>
    public bool PrecisaVerificar(int instanciaId, string campanhas, DateTimeOffset agora, TimeSpan intervalo) =>
        !_ultimas.TryGetValue(instanciaId, out var v) || v.Campanhas != campanhas || agora - v.Em >= intervalo;

    public void Registrar(int instanciaId, DateTimeOffset em, bool bloqueada, string campanhas) =>
        _ultimas[instanciaId] = new Verificacao(em, bloqueada, campanhas);

    /// <summary>
    /// Forgets instances with no campaign sending any more: when one starts sending again (a resume, a new campaign)
    /// it is checked right away, before its first slot.
    /// </summary>
    public void ManterApenas(IReadOnlyCollection<int> instanciasAtivas)
    {
        foreach (var id in _ultimas.Keys)
        {
            if (!instanciasAtivas.Contains(id))
                _ultimas.TryRemove(id, out _);
        }
    }
}
