using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EnvioMassa.Data.Migrations
{
    /// <inheritdoc />
    public partial class EnviadosPorInstancia : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Created before the old one is dropped: every reader by (campaign, status) keeps an index meanwhile.
            migrationBuilder.CreateIndex(
                name: "ix_envios_campanha_status_data",
                table: "envios_massa_detalhes",
                columns: new[] { "campanha_id", "status", "data_envio" });

            migrationBuilder.DropIndex(
                name: "ix_envios_campanha_status",
                table: "envios_massa_detalhes");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_envios_campanha_status_data",
                table: "envios_massa_detalhes");

            migrationBuilder.CreateIndex(
                name: "ix_envios_campanha_status",
                table: "envios_massa_detalhes",
                columns: new[] { "campanha_id", "status" });
        }
    }
}
