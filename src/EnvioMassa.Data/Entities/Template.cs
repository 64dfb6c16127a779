namespace EnvioMassa.Data.Entities;

public class Template
{
    public int Id { get; set; }
    public string Nome { get; set; } = "";

    /// <summary>Text with placeholders <c>{{nome}}</c>, <c>{{telefone}}</c>, <c>{{dados.campo}}</c>.</summary>
    public string Conteudo { get; set; } = "";

    /// <summary>Set when the operator deleted the template; the row stays for the final campaigns that used it.</summary>
    public DateTime? ExcluidoEm { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
