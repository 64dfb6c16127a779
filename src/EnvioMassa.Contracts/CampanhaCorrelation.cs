namespace EnvioMassa.Contracts;

/// <summary>
/// The saga's correlation id is derived from the campaign's database id, so any process can address a campaign's saga
/// from the id alone, and the saga repository can find the row from the correlation id.
/// </summary>
public static class CampanhaCorrelation
{
    // "EM" + version 1 in the middle groups mark ids that came from here.
    const short Marca = 0x454D;
    const short Versao = 0x0001;

    public static Guid ParaGuid(int campanhaId) => new(campanhaId, Marca, Versao, 0, 0, 0, 0, 0, 0, 0, 0);

    public static int ParaCampanhaId(Guid correlationId)
    {
        var bytes = correlationId.ToByteArray();
        if (BitConverter.ToInt16(bytes, 4) != Marca || BitConverter.ToInt16(bytes, 6) != Versao)
            throw new ArgumentException($"{correlationId} não é o identificador de uma campanha.", nameof(correlationId));
        return BitConverter.ToInt32(bytes, 0);
    }
}
