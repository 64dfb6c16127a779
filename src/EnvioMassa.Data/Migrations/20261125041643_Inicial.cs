using System;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EnvioMassa.Data.Migrations
{
    /// <inheritdoc />
    public partial class Inicial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "clientes",
                columns: table => new
                {
                    id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    nome = table.Column<string>(type: "varchar(255)", maxLength: 255, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    telefone = table.Column<string>(type: "varchar(20)", maxLength: 20, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    dados = table.Column<string>(type: "json", nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    created_at = table.Column<DateTime>(type: "timestamp", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP"),
                    updated_at = table.Column<DateTime>(type: "timestamp", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP")
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.ComputedColumn)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clientes", x => x.id);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateTable(
                name: "instancias",
                columns: table => new
                {
                    id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    nome = table.Column<string>(type: "varchar(255)", maxLength: 255, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    evolution_instance = table.Column<string>(type: "varchar(255)", maxLength: 255, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    api_key = table.Column<string>(type: "varchar(255)", maxLength: 255, nullable: true, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    estado = table.Column<string>(type: "varchar(20)", maxLength: 20, nullable: false, defaultValue: "desconhecido", collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    estado_atualizado_em = table.Column<DateTime>(type: "datetime(3)", nullable: true),
                    ultimo_slot = table.Column<DateTime>(type: "datetime(3)", nullable: true),
                    ultimo_envio = table.Column<DateTime>(type: "datetime(3)", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP"),
                    updated_at = table.Column<DateTime>(type: "timestamp", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP")
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.ComputedColumn)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_instancias", x => x.id);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateTable(
                name: "templates",
                columns: table => new
                {
                    id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    nome = table.Column<string>(type: "varchar(255)", maxLength: 255, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    conteudo = table.Column<string>(type: "text", nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    created_at = table.Column<DateTime>(type: "timestamp", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP"),
                    updated_at = table.Column<DateTime>(type: "timestamp", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP")
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.ComputedColumn)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_templates", x => x.id);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateTable(
                name: "campanhas_envio_massa",
                columns: table => new
                {
                    id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    nome = table.Column<string>(type: "varchar(255)", maxLength: 255, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    status = table.Column<string>(type: "enum('rascunho','agendada','enviando','pausada','concluida','cancelada','erro')", nullable: false, defaultValue: "rascunho", collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    template_id = table.Column<int>(type: "int", nullable: false),
                    instancia_id = table.Column<int>(type: "int", nullable: false),
                    intervalo_segundos = table.Column<int>(type: "int", nullable: false, defaultValue: 10),
                    total_clientes = table.Column<int>(type: "int", nullable: false, defaultValue: 0),
                    enviados = table.Column<int>(type: "int", nullable: false, defaultValue: 0),
                    sucessos = table.Column<int>(type: "int", nullable: false, defaultValue: 0),
                    falhas = table.Column<int>(type: "int", nullable: false, defaultValue: 0),
                    data_inicio = table.Column<DateTime>(type: "datetime", nullable: true),
                    data_conclusao = table.Column<DateTime>(type: "datetime", nullable: true),
                    agendar_para = table.Column<DateTime>(type: "datetime", nullable: true),
                    motivo_pausa = table.Column<string>(type: "varchar(500)", maxLength: 500, nullable: true, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    retomar_automaticamente = table.Column<bool>(type: "tinyint(1)", nullable: false, defaultValue: false),
                    versao = table.Column<int>(type: "int", nullable: false, defaultValue: 0),
                    created_at = table.Column<DateTime>(type: "timestamp", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP"),
                    updated_at = table.Column<DateTime>(type: "timestamp", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP")
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.ComputedColumn)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campanhas_envio_massa", x => x.id);
                    table.ForeignKey(
                        name: "FK_campanhas_envio_massa_instancias_instancia_id",
                        column: x => x.instancia_id,
                        principalTable: "instancias",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_campanhas_envio_massa_templates_template_id",
                        column: x => x.template_id,
                        principalTable: "templates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateTable(
                name: "envios_massa_detalhes",
                columns: table => new
                {
                    id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    campanha_id = table.Column<int>(type: "int", nullable: false),
                    cliente_id = table.Column<int>(type: "int", nullable: false),
                    status = table.Column<string>(type: "enum('pendente','agendado','enviando','enviado','erro','incerto','cancelado')", nullable: false, defaultValue: "pendente", collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    tentativas = table.Column<int>(type: "int", nullable: false, defaultValue: 0),
                    falhas_instancia = table.Column<int>(type: "int", nullable: false, defaultValue: 0),
                    message_id = table.Column<string>(type: "varchar(255)", maxLength: 255, nullable: true, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    mensagem_enviada = table.Column<string>(type: "text", nullable: true, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    erro_mensagem = table.Column<string>(type: "text", nullable: true, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    data_envio = table.Column<DateTime>(type: "datetime", nullable: true),
                    agendado_para = table.Column<DateTime>(type: "datetime(3)", nullable: true),
                    proxima_tentativa = table.Column<DateTime>(type: "datetime(3)", nullable: true),
                    enviando_desde = table.Column<DateTime>(type: "datetime(3)", nullable: true),
                    contabilizado = table.Column<bool>(type: "tinyint(1)", nullable: false, defaultValue: false),
                    created_at = table.Column<DateTime>(type: "timestamp", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP"),
                    updated_at = table.Column<DateTime>(type: "timestamp", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP")
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.ComputedColumn)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_envios_massa_detalhes", x => x.id);
                    table.ForeignKey(
                        name: "FK_envios_massa_detalhes_campanhas_envio_massa_campanha_id",
                        column: x => x.campanha_id,
                        principalTable: "campanhas_envio_massa",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_envios_massa_detalhes_clientes_cliente_id",
                        column: x => x.cliente_id,
                        principalTable: "clientes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateIndex(
                name: "IX_campanhas_envio_massa_template_id",
                table: "campanhas_envio_massa",
                column: "template_id");

            migrationBuilder.CreateIndex(
                name: "ix_campanhas_instancia_status",
                table: "campanhas_envio_massa",
                columns: new[] { "instancia_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_campanhas_status",
                table: "campanhas_envio_massa",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ux_clientes_telefone",
                table: "clientes",
                column: "telefone",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_envios_massa_detalhes_cliente_id",
                table: "envios_massa_detalhes",
                column: "cliente_id");

            migrationBuilder.CreateIndex(
                name: "ix_envios_campanha_status",
                table: "envios_massa_detalhes",
                columns: new[] { "campanha_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_envios_message_id",
                table: "envios_massa_detalhes",
                column: "message_id");

            migrationBuilder.CreateIndex(
                name: "ux_envios_campanha_cliente",
                table: "envios_massa_detalhes",
                columns: new[] { "campanha_id", "cliente_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_instancias_evolution_instance",
                table: "instancias",
                column: "evolution_instance",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "envios_massa_detalhes");

            migrationBuilder.DropTable(
                name: "campanhas_envio_massa");

            migrationBuilder.DropTable(
                name: "clientes");

            migrationBuilder.DropTable(
                name: "instancias");

            migrationBuilder.DropTable(
                name: "templates");
        }
    }
}
