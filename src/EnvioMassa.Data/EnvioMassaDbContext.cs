using EnvioMassa.Data.Dominio;
using EnvioMassa.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EnvioMassa.Data;

public class EnvioMassaDbContext(DbContextOptions<EnvioMassaDbContext> options) : DbContext(options)
{
    public DbSet<Campanha> Campanhas => Set<Campanha>();
    public DbSet<EnvioDetalhe> Envios => Set<EnvioDetalhe>();
    public DbSet<Cliente> Clientes => Set<Cliente>();
    public DbSet<Template> Templates => Set<Template>();
    public DbSet<Instancia> Instancias => Set<Instancia>();
    public DbSet<Resposta> Respostas => Set<Resposta>();
    public DbSet<ChaveDeIdempotencia> ChavesDeIdempotencia => Set<ChaveDeIdempotencia>();
    public DbSet<CampanhaInstancia> CampanhaInstancias => Set<CampanhaInstancia>();
    public DbSet<CampanhaTemplate> CampanhaTemplates => Set<CampanhaTemplate>();
    public DbSet<Bloqueio> Bloqueios => Set<Bloqueio>();
    public DbSet<VerificacaoDeNumero> VerificacoesDeNumero => Set<VerificacaoDeNumero>();

    /// <summary>
    /// A new campaign's <c>instancia_id</c> and <c>template_id</c> are always the first of its numbers and templates:
    /// when it is stored with none listed, they are listed here, so every campaign has its lists.
    /// </summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var c in ChangeTracker.Entries<Campanha>().Where(e => e.State == EntityState.Added).Select(e => e.Entity))
        {
            if (c.Instancias.Count == 0)
                c.Instancias.Add(new CampanhaInstancia { InstanciaId = c.InstanciaId, Instancia = c.Instancia, Ordem = 0 });
            if (c.Templates.Count == 0)
                c.Templates.Add(new CampanhaTemplate { TemplateId = c.TemplateId, Template = c.Template, Ordem = 0 });
        }

        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasCharSet("utf8mb4").UseCollation("utf8mb4_unicode_ci");

        b.Entity<Campanha>(e =>
        {
            e.ToTable("campanhas_envio_massa");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Nome).HasColumnName("nome").HasMaxLength(255).IsRequired();
            e.Property(x => x.Status).HasColumnName("status").HasColumnType(Enum(StatusCampanha.Todos))
                .HasDefaultValue(StatusCampanha.Rascunho).IsRequired();
            e.Property(x => x.TemplateId).HasColumnName("template_id");
            e.Property(x => x.InstanciaId).HasColumnName("instancia_id");
            e.Property(x => x.IntervaloSegundos).HasColumnName("intervalo_segundos").HasDefaultValue(10);
            e.Property(x => x.IntervaloMaxSegundos).HasColumnName("intervalo_max_segundos");
            e.Property(x => x.PausaLongaACada).HasColumnName("pausa_longa_a_cada");
            e.Property(x => x.PausaLongaSegundos).HasColumnName("pausa_longa_segundos");
            e.Property(x => x.JanelaDias).HasColumnName("janela_dias").HasMaxLength(40);
            e.Property(x => x.JanelaInicio).HasColumnName("janela_inicio").HasColumnType("time");
            e.Property(x => x.JanelaFim).HasColumnName("janela_fim").HasColumnType("time");
            e.Property(x => x.JanelaFuso).HasColumnName("janela_fuso").HasMaxLength(64);
            e.Property(x => x.Rotacao).HasColumnName("rotacao").HasMaxLength(20).HasDefaultValue(ConfiguracaoDeCampanha.RotacaoAlternada);
            e.Property(x => x.Variacao).HasColumnName("variacao").HasMaxLength(20).HasDefaultValue(ConfiguracaoDeCampanha.VariacaoAleatoria);
            e.Property(x => x.Digitando).HasColumnName("digitando").HasDefaultValue(false);
            e.Property(x => x.VerificarNumeros).HasColumnName("verificar_numeros").HasDefaultValue(false);
            e.Property(x => x.MidiaTipo).HasColumnName("midia_tipo").HasMaxLength(20);
            e.Property(x => x.MidiaUrl).HasColumnName("midia_url").HasMaxLength(2000);
            e.Property(x => x.MidiaNomeArquivo).HasColumnName("midia_nome_arquivo").HasMaxLength(255);
            e.Property(x => x.MotivoEspera).HasColumnName("motivo_espera").HasMaxLength(500);
            e.Property(x => x.Bloqueados).HasColumnName("bloqueados").HasDefaultValue(0);
            e.Property(x => x.TotalClientes).HasColumnName("total_clientes").HasDefaultValue(0);
            e.Property(x => x.Enviados).HasColumnName("enviados").HasDefaultValue(0);
            e.Property(x => x.Sucessos).HasColumnName("sucessos").HasDefaultValue(0);
            e.Property(x => x.Falhas).HasColumnName("falhas").HasDefaultValue(0);
            e.Property(x => x.Entregues).HasColumnName("entregues").HasDefaultValue(0);
            e.Property(x => x.Lidas).HasColumnName("lidas").HasDefaultValue(0);
            e.Property(x => x.DataInicio).HasColumnName("data_inicio").HasColumnType("datetime");
            e.Property(x => x.DataConclusao).HasColumnName("data_conclusao").HasColumnType("datetime");
            e.Property(x => x.AgendarPara).HasColumnName("agendar_para").HasColumnType("datetime");
            e.Property(x => x.MotivoPausa).HasColumnName("motivo_pausa").HasMaxLength(500);
            e.Property(x => x.PausadaPelaInstancia).HasColumnName("pausada_pela_instancia").HasDefaultValue(false);
            e.Property(x => x.RetomarAutomaticamente).HasColumnName("retomar_automaticamente").HasDefaultValue(false);
            e.Property(x => x.OrigemId).HasColumnName("origem_id");
            e.Property(x => x.Versao).HasColumnName("versao").HasDefaultValue(0).IsConcurrencyToken();
            Timestamps(e);
            e.HasOne(x => x.Template).WithMany().HasForeignKey(x => x.TemplateId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Instancia).WithMany().HasForeignKey(x => x.InstanciaId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.Status).HasDatabaseName("ix_campanhas_status");
            e.HasIndex(x => new { x.InstanciaId, x.Status }).HasDatabaseName("ix_campanhas_instancia_status");
            e.HasMany(x => x.Instancias).WithOne().HasForeignKey(x => x.CampanhaId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Templates).WithOne().HasForeignKey(x => x.CampanhaId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<CampanhaInstancia>(e =>
        {
            e.ToTable("campanha_instancias");
            e.HasKey(x => new { x.CampanhaId, x.InstanciaId });
            e.Property(x => x.CampanhaId).HasColumnName("campanha_id");
            e.Property(x => x.InstanciaId).HasColumnName("instancia_id");
            e.Property(x => x.Ordem).HasColumnName("ordem");
            e.HasOne(x => x.Instancia).WithMany().HasForeignKey(x => x.InstanciaId).OnDelete(DeleteBehavior.Restrict);
            // The scheduler finds an instance's campaigns through here.
            e.HasIndex(x => x.InstanciaId).HasDatabaseName("ix_campanha_instancias_instancia");
        });

        b.Entity<CampanhaTemplate>(e =>
        {
            e.ToTable("campanha_templates");
            e.HasKey(x => new { x.CampanhaId, x.TemplateId });
            e.Property(x => x.CampanhaId).HasColumnName("campanha_id");
            e.Property(x => x.TemplateId).HasColumnName("template_id");
            e.Property(x => x.Ordem).HasColumnName("ordem");
            e.HasOne(x => x.Template).WithMany().HasForeignKey(x => x.TemplateId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.TemplateId).HasDatabaseName("ix_campanha_templates_template");
        });

        b.Entity<Bloqueio>(e =>
        {
            e.ToTable("bloqueios");
            e.HasKey(x => x.Telefone);
            e.Property(x => x.Telefone).HasColumnName("telefone").HasMaxLength(20).IsRequired();
            e.Property(x => x.Motivo).HasColumnName("motivo").HasMaxLength(500);
            e.Property(x => x.Origem).HasColumnName("origem").HasMaxLength(20).IsRequired();
            e.Property(x => x.CriadoEm).HasColumnName("criado_em").HasColumnType("datetime(3)");
        });

        b.Entity<VerificacaoDeNumero>(e =>
        {
            e.ToTable("verificacoes_numero");
            e.HasKey(x => x.Telefone);
            e.Property(x => x.Telefone).HasColumnName("telefone").HasMaxLength(20).IsRequired();
            e.Property(x => x.ExisteNoWhatsApp).HasColumnName("existe_no_whatsapp");
            e.Property(x => x.Jid).HasColumnName("jid").HasMaxLength(255);
            e.Property(x => x.VerificadoEm).HasColumnName("verificado_em").HasColumnType("datetime(3)");
        });

        b.Entity<EnvioDetalhe>(e =>
        {
            e.ToTable("envios_massa_detalhes");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.CampanhaId).HasColumnName("campanha_id");
            e.Property(x => x.ClienteId).HasColumnName("cliente_id");
            e.Property(x => x.InstanciaId).HasColumnName("instancia_id");
            e.Property(x => x.TemplateId).HasColumnName("template_id");
            e.Property(x => x.Status).HasColumnName("status").HasColumnType(Enum(StatusEnvio.Todos))
                .HasDefaultValue(StatusEnvio.Pendente).IsRequired();
            e.Property(x => x.Tentativas).HasColumnName("tentativas").HasDefaultValue(0);
            e.Property(x => x.MessageId).HasColumnName("message_id").HasMaxLength(255);
            e.Property(x => x.MensagemEnviada).HasColumnName("mensagem_enviada").HasColumnType("text");
            e.Property(x => x.ErroMensagem).HasColumnName("erro_mensagem").HasColumnType("text");
            e.Property(x => x.DataEnvio).HasColumnName("data_envio").HasColumnType("datetime");
            e.Property(x => x.Entrega).HasColumnName("entrega").HasColumnType(Enum(StatusEntrega.Todos));
            e.Property(x => x.EntregueEm).HasColumnName("entregue_em").HasColumnType("datetime(3)");
            e.Property(x => x.LidaEm).HasColumnName("lida_em").HasColumnType("datetime(3)");
            e.Property(x => x.AgendadoPara).HasColumnName("agendado_para").HasColumnType("datetime(3)");
            e.Property(x => x.ProximaTentativa).HasColumnName("proxima_tentativa").HasColumnType("datetime(3)");
            e.Property(x => x.EnviandoDesde).HasColumnName("enviando_desde").HasColumnType("datetime(3)");
            e.Property(x => x.FalhasInstancia).HasColumnName("falhas_instancia").HasDefaultValue(0);
            e.Property(x => x.Contabilizado).HasColumnName("contabilizado").HasDefaultValue(false);
            Timestamps(e);
            e.HasOne(x => x.Campanha).WithMany().HasForeignKey(x => x.CampanhaId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Cliente).WithMany().HasForeignKey(x => x.ClienteId).OnDelete(DeleteBehavior.Restrict);
            // A customer is never twice in one campaign.
            e.HasIndex(x => new { x.CampanhaId, x.ClienteId }).IsUnique().HasDatabaseName("ux_envios_campanha_cliente");
            // The scheduler, the sweep and the per-status counts all read by campaign + status; an instance's sends of
            // today or of the last hour are a range of data_envio within (campaign, enviado).
            e.HasIndex(x => new { x.CampanhaId, x.Status, x.DataEnvio }).HasDatabaseName("ix_envios_campanha_status_data");
            // A number's caps count its accepted sends of the day or hour across every campaign.
            e.HasIndex(x => new { x.InstanciaId, x.Status, x.DataEnvio }).HasDatabaseName("ix_envios_instancia_status_data");
            e.HasIndex(x => x.MessageId).HasDatabaseName("ix_envios_message_id");
        });

        b.Entity<Cliente>(e =>
        {
            e.ToTable("clientes");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Nome).HasColumnName("nome").HasMaxLength(255).IsRequired();
            e.Property(x => x.Telefone).HasColumnName("telefone").HasMaxLength(20).IsRequired();
            e.Property(x => x.Dados).HasColumnName("dados").HasColumnType("json").IsRequired();
            Timestamps(e);
            e.HasIndex(x => x.Telefone).IsUnique().HasDatabaseName("ux_clientes_telefone");
        });

        b.Entity<Template>(e =>
        {
            e.ToTable("templates");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Nome).HasColumnName("nome").HasMaxLength(255).IsRequired();
            e.Property(x => x.Conteudo).HasColumnName("conteudo").HasColumnType("text").IsRequired();
            e.Property(x => x.ExcluidoEm).HasColumnName("excluido_em").HasColumnType("datetime(3)");
            Timestamps(e);
        });

        b.Entity<Instancia>(e =>
        {
            e.ToTable("instancias");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Nome).HasColumnName("nome").HasMaxLength(255).IsRequired();
            e.Property(x => x.EvolutionInstance).HasColumnName("evolution_instance").HasMaxLength(255).IsRequired();
            e.Property(x => x.ApiKey).HasColumnName("api_key").HasMaxLength(255);
            e.Property(x => x.Estado).HasColumnName("estado").HasMaxLength(20).HasDefaultValue(EstadoInstancia.Desconhecido);
            e.Property(x => x.EstadoAtualizadoEm).HasColumnName("estado_atualizado_em").HasColumnType("datetime(3)");
            e.Property(x => x.EstadoEventoEm).HasColumnName("estado_evento_em").HasColumnType("datetime(3)");
            e.Property(x => x.UltimoSlot).HasColumnName("ultimo_slot").HasColumnType("datetime(3)");
            e.Property(x => x.UltimoEnvio).HasColumnName("ultimo_envio").HasColumnType("datetime(3)");
            e.Property(x => x.TurnoAberto).HasColumnName("turno_aberto").HasColumnType("datetime(3)");
            e.Property(x => x.ExcluidaEm).HasColumnName("excluida_em").HasColumnType("datetime(3)");
            e.Property(x => x.LimiteDiario).HasColumnName("limite_diario");
            e.Property(x => x.LimitePorHora).HasColumnName("limite_por_hora");
            e.Property(x => x.Aquecimento).HasColumnName("aquecimento").HasDefaultValue(false);
            e.Property(x => x.ConectadaDesde).HasColumnName("conectada_desde").HasColumnType("date");
            e.Property(x => x.EnviosDesdePausa).HasColumnName("envios_desde_pausa").HasDefaultValue(0);
            e.Property(x => x.UltimaCampanhaId).HasColumnName("ultima_campanha_id");
            // Unique among the instances not deleted: a deleted row keeps its name (history), and NULLs never collide.
            e.Property<string?>("EvolutionInstanceAtiva").HasColumnName("evolution_instance_ativa").HasMaxLength(255)
                .HasComputedColumnSql("case when `excluida_em` is null then `evolution_instance` end", stored: true);
            Timestamps(e);
            e.HasIndex(x => x.EvolutionInstance).HasDatabaseName("ix_instancias_evolution_instance");
            e.HasIndex("EvolutionInstanceAtiva").IsUnique().HasDatabaseName("ux_instancias_evolution_instance_ativa");
        });

        b.Entity<Resposta>(e =>
        {
            e.ToTable("respostas");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.InstanciaId).HasColumnName("instancia_id");
            e.Property(x => x.MessageId).HasColumnName("message_id").HasMaxLength(255).IsRequired();
            e.Property(x => x.RemoteJid).HasColumnName("remote_jid").HasMaxLength(255).IsRequired();
            e.Property(x => x.Telefone).HasColumnName("telefone").HasMaxLength(20);
            e.Property(x => x.Nome).HasColumnName("nome").HasMaxLength(255);
            e.Property(x => x.Texto).HasColumnName("texto").HasColumnType("text");
            e.Property(x => x.Tipo).HasColumnName("tipo").HasMaxLength(50);
            e.Property(x => x.EnviadaEm).HasColumnName("enviada_em").HasColumnType("datetime");
            e.Property(x => x.RecebidaEm).HasColumnName("recebida_em").HasColumnType("datetime(3)");
            e.Property<DateTime>("CreatedAt").HasColumnName("created_at").HasColumnType("timestamp")
                .HasDefaultValueSql("CURRENT_TIMESTAMP").ValueGeneratedOnAdd();
            e.HasOne(x => x.Instancia).WithMany().HasForeignKey(x => x.InstanciaId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.InstanciaId, x.MessageId }).IsUnique().HasDatabaseName("ux_respostas_instancia_message");
            // The opt-out and the operator read a phone's replies.
            e.HasIndex(x => x.Telefone).HasDatabaseName("ix_respostas_telefone");
        });

        b.Entity<ChaveDeIdempotencia>(e =>
        {
            e.ToTable("chaves_idempotencia");
            e.HasKey(x => x.Chave);
            e.Property(x => x.Chave).HasColumnName("chave").HasMaxLength(255).IsRequired();
            e.Property(x => x.Requisicao).HasColumnName("requisicao").HasMaxLength(64).IsFixedLength().IsRequired();
            e.Property(x => x.Status).HasColumnName("status");
            e.Property(x => x.ContentType).HasColumnName("content_type").HasMaxLength(255);
            e.Property(x => x.Location).HasColumnName("location").HasMaxLength(1000);
            e.Property(x => x.Corpo).HasColumnName("corpo").HasColumnType("longblob");
            e.Property(x => x.CriadaEm).HasColumnName("criada_em").HasColumnType("datetime(3)");
            e.Property(x => x.ExpiraEm).HasColumnName("expira_em").HasColumnType("datetime(3)");
            // The clean-up deletes expired keys by this index.
            e.HasIndex(x => x.ExpiraEm).HasDatabaseName("ix_chaves_idempotencia_expira_em");
        });
    }

    static string Enum(IEnumerable<string> values) => $"enum({string.Join(",", values.Select(v => $"'{v}'"))})";

    static void Timestamps<T>(EntityTypeBuilder<T> e) where T : class
    {
        e.Property<DateTime>("CreatedAt").HasColumnName("created_at").HasColumnType("timestamp")
            .HasDefaultValueSql("CURRENT_TIMESTAMP").ValueGeneratedOnAdd();
        e.Property<DateTime>("UpdatedAt").HasColumnName("updated_at").HasColumnType("timestamp")
            .HasDefaultValueSql("CURRENT_TIMESTAMP").ValueGeneratedOnAddOrUpdate();
    }
}
