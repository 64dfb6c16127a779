namespace EnvioMassa.Contracts;

/// <summary>Answer to a campaign command: the saga made the transition; <paramref name="Status"/> is the new state.</summary>
public record TransicaoAceita(int CampanhaId, string Status);
