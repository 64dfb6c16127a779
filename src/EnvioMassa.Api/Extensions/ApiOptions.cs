using System.ComponentModel.DataAnnotations;

namespace EnvioMassa.Api.Extensions;

/// <summary>Configuration section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>The key every <c>/api</c> request carries in <c>X-Api-Key</c>. Without one the API does not start.</summary>
    [Required(ErrorMessage = "Configure Api:Key (variável Api__Key): sem ela a API não aceitaria ninguém.")]
    public string Key { get; set; } = "";

    /// <summary>How long a campaign command waits for the saga's answer before the API answers 503.</summary>
    public TimeSpan TransicaoTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public override string ToString() => $"ApiOptions {{ Key = {(Key.Length == 0 ? "(vazia)" : "***")}, TransicaoTimeout = {TransicaoTimeout} }}";
}
