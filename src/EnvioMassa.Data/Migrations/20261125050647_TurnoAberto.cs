using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EnvioMassa.Data.Migrations
{
    /// <inheritdoc />
    public partial class TurnoAberto : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "turno_aberto",
                table: "instancias",
                type: "datetime(3)",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "turno_aberto",
                table: "instancias");
        }
    }
}
