using System.Collections.Concurrent;

namespace EnvioMassa.Worker.Scheduler;

/// <summary>
/// What this scheduler process last learned from Evolution about each instance the monitor watches: one with a
/// campaign <c>enviando</c>, or one waiting for it to reconnect. The scheduler hands out slots only for an instance
/// checked since its campaigns started sending and not found disconnected, so a campaign started on a closed number
/// sends nothing before the check pauses it.
/// </summary>
public sealed class EstadoDasInstancias
{
    /// <param name="Campanhas">Which campaigns (id and saga version) were watched when it was checked.</param>
    sealed record Verificacao(DateTimeOffset Em, bool Bloqueada, string Campanhas);

    readonly ConcurrentDictionary<int, Verificacao> _ultimas = new();

    /// <summary>True once the instance was checked and Evolution did not say it is disconnected.</summary>
    public bool PodeAgendar(int instanciaId) => _ultimas.TryGetValue(instanciaId, out var v) && !v.Bloqueada;

    /// <summary>
    /// Null while no check is due. <see cref="MotivoDaVerificacao.Periodica"/> when the instance was never checked here
    /// or the interval has passed; <see cref="MotivoDaVerificacao.CampanhasMudaram"/>, at once, when a campaign started,
    /// was resumed or was paused on the instance since the last check (a new campaign, or a saga version moved).
    /// </summary>
    public MotivoDaVerificacao? VerificacaoDevida(int instanciaId, string campanhas, DateTimeOffset agora, TimeSpan intervalo) =>
        !_ultimas.TryGetValue(instanciaId, out var v) || agora - v.Em >= intervalo ? MotivoDaVerificacao.Periodica
        : v.Campanhas != campanhas ? MotivoDaVerificacao.CampanhasMudaram
        : null;

    public void Registrar(int instanciaId, DateTimeOffset em, bool bloqueada, string campanhas) =>
        _ultimas[instanciaId] = new Verificacao(em, bloqueada, campanhas);

    /// <summary>
    /// Forgets instances the monitor no longer watches: when a campaign starts sending on one again (a resume, a new
    /// campaign) it is checked right away, before its first slot.
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
