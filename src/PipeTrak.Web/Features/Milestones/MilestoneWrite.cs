using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using PipeTrak.Web.Features.Components;
using PipeTrak.Web.Infrastructure.Data;

namespace PipeTrak.Web.Features.Milestones;

/// <summary>
/// PostgreSQL: an applied milestone update (TRK-040) written as ONE statement, which is its own
/// transaction: the component's percent and new version, the value row (inserted or updated) and the
/// event. Same rows and the same atomicity as SaveChanges in one transaction (TRK-032), without the
/// change tracker's work, the explicit transaction and its COMMIT round trip (issue 3: the milestone API
/// is CPU-bound). The value and event are inserted only through the component row the statement
/// updated, and that row only matches when its version is still the one read (TRK-047) and it belongs
/// to the current organization; otherwise nothing is written and the command starts again from the
/// stored state (<see cref="DbUpdateConcurrencyException"/>). The roll-up cell triggers (ADR 007) fire
/// for the component update as for any other. Tables, columns and conversions come from the EF model.
/// </summary>
/// <remarks>SQLite, an open transaction, and updates that stage more rows (TRK-048) use SaveChanges.</remarks>
internal static class MilestoneWrite
{
    private static readonly ConditionalWeakTable<IModel, Statement> Statements = [];

    public static bool Applies(AppDbContext db) => db.Database.IsNpgsql() && db.Database.CurrentTransaction is null;

    /// <summary>
    /// Writes <paramref name="component"/>'s percent and version (expecting <paramref name="readVersion"/>),
    /// <paramref name="value"/> and <paramref name="evt"/>. Tracks nothing.
    /// </summary>
    public static async Task ExecuteAsync(
        AppDbContext db, Component component, Guid readVersion, MilestoneValueRow value, MilestoneEvent evt, CancellationToken ct)
    {
        // The tenant guard SaveChanges applies (TenantStampInterceptor), and the statement matches the organization too.
        var organizationId = db.CurrentOrganizationId;
        if (organizationId is null || component.OrganizationId != organizationId || value.OrganizationId != organizationId || evt.OrganizationId != organizationId)
        {
            throw new InvalidOperationException("Refused to write a milestone outside the current organization.");
        }
        var statement = Statements.GetValue(db.Model, Build);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = statement.Sql;
            Add(command, statement.Percent, component.Percent);
            Add(command, statement.Version, component.Version);
            Add(command, statement.Id, component.Id);
            Add(command, statement.Version, readVersion);
            Add(command, statement.OrganizationId, organizationId.Value);
            foreach (var column in statement.Values.Columns)
            {
                Add(command, column, column.Getter.GetClrValue(value));
            }
            foreach (var column in statement.Events.Columns)
            {
                Add(command, column, column.Getter.GetClrValue(evt));
            }
            int updated;
            try
            {
                updated = Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (DbException ex)
            {
                // As SaveChanges reports a failed write (a deadlock on a roll-up cell, say): the caller retries.
                throw new DbUpdateException("The milestone update was not written; nothing was stored.", ex);
            }
            if (updated != 1)
            {
                throw new DbUpdateConcurrencyException($"Component {component.Id} changed since it was read; nothing was written.");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Add(DbCommand command, StoreColumn column, object? value) =>
        // The mapping converts the model value as SaveChanges would. Positional ($n, no name): Npgsql sends
        // the text as is, without rewriting parameter names on every call.
        command.Parameters.Add(column.Mapping.CreateParameter(command, "", value, column.Nullable));

    /// <summary>The SQL and, in parameter order, the columns its values are converted for (resolved once per model).</summary>
    private sealed record Statement(
        string Sql, StoreColumn Percent, StoreColumn Version, StoreColumn Id, StoreColumn OrganizationId, StoreTable Values, StoreTable Events);

    private static Statement Build(IModel model)
    {
        var components = StoreTable.Of(model.FindEntityType(typeof(Component))!);
        var values = StoreTable.Of(model.FindEntityType(typeof(MilestoneValueRow))!);
        var events = StoreTable.Of(model.FindEntityType(typeof(MilestoneEvent))!);
        var percent = components.Column(nameof(Component.Percent));
        var version = components.Column(nameof(Component.Version));
        var id = components.Column(nameof(Component.Id));
        var organization = components.Column(nameof(Component.OrganizationId));
        var n = 0;
        string Next() => "$" + (++n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sql = new StringBuilder();
        sql.Append("WITH c AS (UPDATE ").Append(components.Quoted)
            .Append(" SET ").Append(percent.Quoted).Append(" = ").Append(Next())
            .Append(", ").Append(version.Quoted).Append(" = ").Append(Next())
            .Append(" WHERE ").Append(id.Quoted).Append(" = ").Append(Next())
            .Append(" AND ").Append(version.Quoted).Append(" = ").Append(Next())
            .Append(" AND ").Append(organization.Quoted).Append(" = ").Append(Next())
            .Append(" RETURNING 1)");
        sql.Append(", v AS (").Append(InsertFromC(values, Next))
            .Append(" ON CONFLICT (").AppendJoin(", ", values.Key.Select(k => k.Quoted)).Append(") DO UPDATE SET ")
            .AppendJoin(", ", values.Columns.Except(values.Key).Select(c => c.Quoted + " = EXCLUDED." + c.Quoted)).Append(')');
        sql.Append(", e AS (").Append(InsertFromC(events, Next)).Append(')');
        sql.Append(" SELECT count(*) FROM c");
        return new Statement(sql.ToString(), percent, version, id, organization, values, events);
    }

    private static string InsertFromC(StoreTable table, Func<string> next) =>
        new StringBuilder("INSERT INTO ").Append(table.Quoted).Append(" (")
            .AppendJoin(", ", table.Columns.Select(c => c.Quoted)).Append(") SELECT ")
            .AppendJoin(", ", table.Columns.Select(_ => next())).Append(" FROM c").ToString();
}
