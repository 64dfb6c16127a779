using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EnvioMassa.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConsoleDoOperador : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_instancias_evolution_instance",
                table: "instancias");

            migrationBuilder.AddColumn<DateTime>(
                name: "excluido_em",
                table: "templates",
                type: "datetime(3)",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "excluida_em",
                table: "instancias",
                type: "datetime(3)",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "origem_id",
                table: "campanhas_envio_massa",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "evolution_instance_ativa",
                table: "instancias",
                type: "varchar(255)",
                maxLength: 255,
                nullable: true,
                computedColumnSql: "case when `excluida_em` is null then `evolution_instance` end",
                stored: true,
                collation: "utf8mb4_unicode_ci")
                .Annotation("MySql:CharSet", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "chaves_idempotencia",
                columns: table => new
                {
                    chave = table.Column<string>(type: "varchar(255)", maxLength: 255, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    requisicao = table.Column<string>(type: "char(64)", fixedLength: true, maxLength: 64, nullable: false, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    status = table.Column<int>(type: "int", nullable: true),
                    content_type = table.Column<string>(type: "varchar(255)", maxLength: 255, nullable: true, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    location = table.Column<string>(type: "varchar(1000)", maxLength: 1000, nullable: true, collation: "utf8mb4_unicode_ci")
                        .Annotation("MySql:CharSet", "utf8mb4"),
                    corpo = table.Column<byte[]>(type: "longblob", nullable: true),
                    criada_em = table.Column<DateTime>(type: "datetime(3)", nullable: false),
                    expira_em = table.Column<DateTime>(type: "datetime(3)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chaves_idempotencia", x => x.chave);
                })
                .Annotation("MySql:CharSet", "utf8mb4")
                .Annotation("Relational:Collation", "utf8mb4_unicode_ci");

            migrationBuilder.CreateIndex(
                name: "ix_instancias_evolution_instance",
                table: "instancias",
                column: "evolution_instance");

            migrationBuilder.CreateIndex(
                name: "ux_instancias_evolution_instance_ativa",
                table: "instancias",
                column: "evolution_instance_ativa",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_chaves_idempotencia_expira_em",
                table: "chaves_idempotencia",
                column: "expira_em");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "chaves_idempotencia");

            migrationBuilder.DropIndex(
                name: "ix_instancias_evolution_instance",
                table: "instancias");

            migrationBuilder.DropIndex(
                name: "ux_instancias_evolution_instance_ativa",
                table: "instancias");

            migrationBuilder.DropColumn(
                name: "evolution_instance_ativa",
                table: "instancias");

            migrationBuilder.DropColumn(
                name: "excluido_em",
                table: "templates");

            migrationBuilder.DropColumn(
                name: "excluida_em",
                table: "instancias");

            migrationBuilder.DropColumn(
                name: "origem_id",
                table: "campanhas_envio_massa");

            migrationBuilder.CreateIndex(
                name: "ux_instancias_evolution_instance",
                table: "instancias",
                column: "evolution_instance",
                unique: true);
        }
    }
}
