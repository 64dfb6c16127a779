using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EnvioMassa.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProtegerONumero : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "aquecimento",
                table: "instancias",
                type: "tinyint(1)",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "conectada_desde",
                table: "instancias",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "envios_desde_pausa",
                table: "instancias",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "limite_diario",
                table: "instancias",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "limite_por_hora",
                table: "instancias",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ultima_campanha_id",
                table: "instancias",
                type: "int",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "status",
                table: "envios_massa_detalhes",
                type: "enum('pendente','agendado','enviando','enviado','erro','incerto','cancelado','bloqueado')",
                nullable: false,
                defaultValue: "pendente",
                collation: "utf8mb4_unicode_ci",
                oldClrType: typeof(string),
                oldType: "enum('pendente','agendado','enviando','enviado','erro','incerto','cancelado')",
                oldDefaultValue: "pendente")
                .Annotation("MySql:CharSet", "utf8mb4")
                .OldAnnotation("MySql:CharSet", "utf8mb4")
                .OldAnnotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.AddColumn<int>(
                name: "instancia_id",
                table: "envios_massa_detalhes",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "template_id",
                table: "envios_massa_detalhes",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "bloqueados",
                table: "campanhas_envio_massa",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "digitando",
                table: "campanhas_envio_massa",
                type: "tinyint(1)",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "intervalo_max_segundos",
                table: "campanhas_envio_massa",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "janela_dias",
                table: "campanhas_envio_massa",
                type: "varchar(40)",
                maxLength: 40,
                nullable: true,
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<TimeOnly>(
                name: "janela_fim",
                table: "campanhas_envio_massa",
                type: "time",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "janela_fuso",
                table: "campanhas_envio_massa",
                type: "varchar(64)",
                maxLength: 64,
                nullable: true,
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<TimeOnly>(
                name: "janela_inicio",
                table: "campanhas_envio_massa",
                type: "time",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "midia_nome_arquivo",
                table: "campanhas_envio_massa",
                type: "varchar(255)",
                maxLength: 255,
                nullable: true,
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "midia_tipo",
                table: "campanhas_envio_massa",
                type: "varchar(20)",
                maxLength: 20,
                nullable: true,
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "midia_url",
                table: "campanhas_envio_massa",
                type: "varchar(2000)",
                maxLength: 2000,
                nullable: true,
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "motivo_espera",
                table: "campanhas_envio_massa",
                type: "varchar(500)",
                maxLength: 500,
                nullable: true,
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<int>(
                name: "pausa_longa_a_cada",
                table: "campanhas_envio_massa",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "pausa_longa_segundos",
                table: "campanhas_envio_massa",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rotacao",
                table: "campanhas_envio_massa",
                type: "varchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "alternada",
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<string>(
                name: "variacao",
                table: "campanhas_envio_massa",
                type: "varchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "aleatoria",
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<bool>(
                name: "verificar_numeros",
                table: "campanhas_envio_massa",
                type: "tinyint(1)",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "bloqueios",
                columns: table => new
                {
                    telefone = table.Column<string>(type: "varchar(20)", maxLength: 20, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    motivo = table.Column<string>(type: "varchar(500)", maxLength: 500, nullable: true, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    origem = table.Column<string>(type: "varchar(20)", maxLength: 20, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    criado_em = table.Column<DateTime>(type: "datetime(3)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bloqueios", x => x.telefone);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateTable(
                name: "campanha_instancias",
                columns: table => new
                {
                    campanha_id = table.Column<int>(type: "int", nullable: false),
                    instancia_id = table.Column<int>(type: "int", nullable: false),
                    ordem = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campanha_instancias", x => new { x.campanha_id, x.instancia_id });
                    table.ForeignKey(
                        name: "FK_campanha_instancias_campanhas_envio_massa_campanha_id",
                        column: x => x.campanha_id,
                        principalTable: "campanhas_envio_massa",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_campanha_instancias_instancias_instancia_id",
                        column: x => x.instancia_id,
                        principalTable: "instancias",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateTable(
                name: "campanha_templates",
                columns: table => new
                {
                    campanha_id = table.Column<int>(type: "int", nullable: false),
                    template_id = table.Column<int>(type: "int", nullable: false),
                    ordem = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campanha_templates", x => new { x.campanha_id, x.template_id });
                    table.ForeignKey(
                        name: "FK_campanha_templates_campanhas_envio_massa_campanha_id",
                        column: x => x.campanha_id,
                        principalTable: "campanhas_envio_massa",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_campanha_templates_templates_template_id",
                        column: x => x.template_id,
                        principalTable: "templates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateTable(
                name: "verificacoes_numero",
                columns: table => new
                {
                    telefone = table.Column<string>(type: "varchar(20)", maxLength: 20, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    existe_no_whatsapp = table.Column<bool>(type: "tinyint(1)", nullable: false),
                    jid = table.Column<string>(type: "varchar(255)", maxLength: 255, nullable: true, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    verificado_em = table.Column<DateTime>(type: "datetime(3)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_verificacoes_numero", x => x.telefone);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateIndex(
                name: "ix_envios_instancia_status_data",
                table: "envios_massa_detalhes",
                columns: new[] { "instancia_id", "status", "data_envio" });

            migrationBuilder.CreateIndex(
                name: "ix_campanha_instancias_instancia",
                table: "campanha_instancias",
                column: "instancia_id");

            migrationBuilder.CreateIndex(
                name: "ix_campanha_templates_template",
                table: "campanha_templates",
                column: "template_id");

            // Campaigns from before rotation and variations: their one number and one template.
            migrationBuilder.Sql("INSERT INTO campanha_instancias (campanha_id, instancia_id, ordem) SELECT id, instancia_id, 0 FROM campanhas_envio_massa");
            migrationBuilder.Sql("INSERT INTO campanha_templates (campanha_id, template_id, ordem) SELECT id, template_id, 0 FROM campanhas_envio_massa");
            migrationBuilder.Sql("UPDATE envios_massa_detalhes d JOIN campanhas_envio_massa c ON c.id = d.campanha_id SET d.instancia_id = c.instancia_id, d.template_id = c.template_id WHERE d.status <> 'pendente'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bloqueios");

            migrationBuilder.DropTable(
                name: "campanha_instancias");

            migrationBuilder.DropTable(
                name: "campanha_templates");

            migrationBuilder.DropTable(
                name: "verificacoes_numero");

            migrationBuilder.DropIndex(
                name: "ix_envios_instancia_status_data",
                table: "envios_massa_detalhes");

            migrationBuilder.DropColumn(
                name: "aquecimento",
                table: "instancias");

            migrationBuilder.DropColumn(
                name: "conectada_desde",
                table: "instancias");

            migrationBuilder.DropColumn(
                name: "envios_desde_pausa",
                table: "instancias");

            migrationBuilder.DropColumn(
                name: "limite_diario",
                table: "instancias");

            migrationBuilder.DropColumn(
                name: "limite_por_hora",
                table: "instancias");

            migrationBuilder.DropColumn(
                name: "ultima_campanha_id",
                table: "instancias");

            migrationBuilder.DropColumn(
                name: "instancia_id",
                table: "envios_massa_detalhes");

            migrationBuilder.DropColumn(
                name: "template_id",
                table: "envios_massa_detalhes");

            migrationBuilder.DropColumn(
                name: "bloqueados",
                table: "campanhas_envio_massa");

            migrationBuilder.DropColumn(
                name: "digitando",
                table: "campanhas_envio_massa");

            migrationBuilder.DropColumn(
                name: "intervalo_max_segundos",
                table: "campanhas_envio_massa");

            migrationBuilder.DropColumn(
                name: "janela_dias",
                table: "campanhas_envio_massa");

            migrationBuilder.DropColumn(
                name: "janela_fim",
                table: "campanhas_envio_massa");

            migrationBuilder.DropColumn(
                name: "janela_fuso",
                table: "campanhas_envio_massa");

            migrationBuilder.DropColumn(
                name: "janela_inicio",
                table: "campanhas_envio_massa");

            migrationBuilder.DropColumn(
                name: "midia_nome_arquivo",
                table: "campanhas_envio_massa");

            migrationBuilder.DropColumn(
                name: "midia_tipo",
                table: "campanhas_envio_massa");

            migrationBuilder.DropColumn(
                name: "midia_url",
                table: "campanhas_envio_massa");

            migrationBuilder.DropColumn(
                name: "motivo_espera",
                table: "campanhas_envio_massa");

            migrationBuilder.DropColumn(
                name: "pausa_longa_a_cada",
                table: "campanhas_envio_massa");

            migrationBuilder.DropColumn(
                name: "pausa_longa_segundos",
                table: "campanhas_envio_massa");

            migrationBuilder.DropColumn(
                name: "rotacao",
                table: "campanhas_envio_massa");

            migrationBuilder.DropColumn(
                name: "variacao",
                table: "campanhas_envio_massa");

            migrationBuilder.DropColumn(
                name: "verificar_numeros",
                table: "campanhas_envio_massa");

            migrationBuilder.AlterColumn<string>(
                name: "status",
                table: "envios_massa_detalhes",
                type: "enum('pendente','agendado','enviando','enviado','erro','incerto','cancelado')",
                nullable: false,
                defaultValue: "pendente",
                collation: "utf8mb4_unicode_ci",
                oldClrType: typeof(string),
                oldType: "enum('pendente','agendado','enviando','enviado','erro','incerto','cancelado','bloqueado')",
                oldDefaultValue: "pendente")
                .Annotation("MySql:CharSet", "utf8mb4")
                .OldAnnotation("MySql:CharSet", "utf8mb4")
                .OldAnnotation("Relational:Collation", "utf8mb4_unicode_ci");
        }
    }
}
