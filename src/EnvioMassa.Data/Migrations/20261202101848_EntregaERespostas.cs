using System;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EnvioMassa.Data.Migrations
{
    /// <inheritdoc />
    public partial class EntregaERespostas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "estado_evento_em",
                table: "instancias",
                type: "datetime(3)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "entrega",
                table: "envios_massa_detalhes",
                type: "enum('servidor','falhou','entregue','lida','reproduzida')",
                nullable: true,
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.AddColumn<DateTime>(
                name: "entregue_em",
                table: "envios_massa_detalhes",
                type: "datetime(3)",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "lida_em",
                table: "envios_massa_detalhes",
                type: "datetime(3)",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "entregues",
                table: "campanhas_envio_massa",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "lidas",
                table: "campanhas_envio_massa",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "respostas",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("MySql:ValueGenerationStrategy", MySqlValueGenerationStrategy.IdentityColumn),
                    instancia_id = table.Column<int>(type: "int", nullable: false),
                    message_id = table.Column<string>(type: "varchar(255)", maxLength: 255, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    remote_jid = table.Column<string>(type: "varchar(255)", maxLength: 255, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    telefone = table.Column<string>(type: "varchar(20)", maxLength: 20, nullable: true, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    nome = table.Column<string>(type: "varchar(255)", maxLength: 255, nullable: true, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    texto = table.Column<string>(type: "text", nullable: true, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    tipo = table.Column<string>(type: "varchar(50)", maxLength: 50, nullable: true, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    enviada_em = table.Column<DateTime>(type: "datetime", nullable: true),
                    recebida_em = table.Column<DateTime>(type: "datetime(3)", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp", nullable: false, defaultValueSql: "CURRENT_TIMESTAMP")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_respostas", x => x.id);
                    table.ForeignKey(
                        name: "FK_respostas_instancias_instancia_id",
                        column: x => x.instancia_id,
                        principalTable: "instancias",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateIndex(
                name: "ix_respostas_telefone",
                table: "respostas",
                column: "telefone");

            migrationBuilder.CreateIndex(
                name: "ux_respostas_instancia_message",
                table: "respostas",
                columns: new[] { "instancia_id", "message_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "respostas");

            migrationBuilder.DropColumn(
                name: "estado_evento_em",
                table: "instancias");

            migrationBuilder.DropColumn(
                name: "entrega",
                table: "envios_massa_detalhes");

            migrationBuilder.DropColumn(
                name: "entregue_em",
                table: "envios_massa_detalhes");

            migrationBuilder.DropColumn(
                name: "lida_em",
                table: "envios_massa_detalhes");

            migrationBuilder.DropColumn(
                name: "entregues",
                table: "campanhas_envio_massa");

            migrationBuilder.DropColumn(
                name: "lidas",
                table: "campanhas_envio_massa");
        }
    }
}
