namespace EnvioMassa.Data.Entities;

public class Cliente
{
    public int Id { get; set; }
    public string Nome { get; set; } = "";

    /// <summary>E.164 digits only, country code first (<c>5511999990001</c>). Unique.</summary>
    public string Telefone { get; set; } = "";

    /// <summary>Extra data as a JSON object, available to templates as <c>{{dados.campo}}</c>.</summary>
    public string Dados { get; set; } = "{}";

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
