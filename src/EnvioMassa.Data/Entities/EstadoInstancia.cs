namespace EnvioMassa.Data.Entities;

public static class EstadoInstancia
{
    public const string Open = "open";
    public const string Connecting = "connecting";
    public const string Close = "close";

    /// <summary>Evolution gave up showing QR codes (the limit was reached): the number is not connected.</summary>
    public const string Refused = "refused";
    public const string Desconhecido = "desconhecido";
}
