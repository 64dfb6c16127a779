namespace EnvioMassa.Data.Entities;

public static class EstadoInstancia
{
    public const string Open = "open";
    public const string Connecting = "connecting";
    public const string Close = "close";
    public const string Desconhecido = "desconhecido";
}
