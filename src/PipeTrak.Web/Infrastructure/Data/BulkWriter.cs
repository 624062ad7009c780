using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace PipeTrak.Web.Infrastructure.Data;

/// <summary>
/// Inserts many rows fast (demo data, import metadata), inside the context's current transaction, bypassing the change
/// tracker (ARCHITECTURE: bulk import may use provider fast paths). PostgreSQL: binary COPY.
/// SQLite: prepared multi-row INSERTs. Table, columns and value conversions
/// come from the EF model (<see cref="StoreTable"/>), so the rows are stored exactly as EF would store them.
/// </summary>
public sealed class BulkWriter(AppDbContext db)
{
    private readonly Dictionary<Type, StoreTable> tables = [];

    public async Task InsertAsync<T>(IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var table = TableOf(typeof(T));
        if (db.Database.IsNpgsql())
        {
            await CopyAsync(table, rows, ct);
        }
        else
        {
            await InsertEachAsync(table, rows, ct);
        }
    }

    private async Task CopyAsync<T>(StoreTable table, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var columns = string.Join(", ", table.Columns.Select(c => c.Quoted));
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {table.Quoted} ({columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var column in table.Columns)
            {
                var value = column.ProviderValue(row);
                if (value is null)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await WriteAsync(importer, value, ct);
                }
            }
        }
        await importer.CompleteAsync(ct);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter importer, object value, CancellationToken ct) => value switch
    {
        Guid g => importer.WriteAsync(g, NpgsqlDbType.Uuid, ct),
        string s => importer.WriteAsync(s, NpgsqlDbType.Text, ct),
        int i => importer.WriteAsync(i, NpgsqlDbType.Integer, ct),
        long l => importer.WriteAsync(l, NpgsqlDbType.Bigint, ct),
        short s16 => importer.WriteAsync(s16, NpgsqlDbType.Smallint, ct),
        decimal d => importer.WriteAsync(d, NpgsqlDbType.Numeric, ct),
        bool b => importer.WriteAsync(b, NpgsqlDbType.Boolean, ct),
        double f => importer.WriteAsync(f, NpgsqlDbType.Double, ct),
        DateTime t => importer.WriteAsync(t, NpgsqlDbType.TimestampTz, ct),
        DateOnly day => importer.WriteAsync(day, NpgsqlDbType.Date, ct),
        _ => throw new NotSupportedException($"Bulk insert cannot write a {value.GetType().Name}."),
    };

    private async Task InsertEachAsync<T>(StoreTable table, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        // Multi-row INSERTs of up to ~900 parameters (well under SQLite's variable limit), prepared once
        // for the full size and once for the tail.
        var perStatement = Math.Max(1, 900 / table.Columns.Count);
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - start);
                var command = count == perStatement ? full ??= await PrepareInsertAsync(table, count, ct) : await PrepareInsertAsync(table, count, ct);
                try
                {
                    var p = 0;
                    for (var r = 0; r < count; r++)
                    {
                        var row = rows[start + r];
                        foreach (var column in table.Columns)
                        {
                            command.Parameters[p++].Value = column.ProviderValue(row) ?? DBNull.Value;
                        }
                    }
                    await command.ExecuteNonQueryAsync(ct);
                }
                finally
                {
                    if (!ReferenceEquals(command, full))
                    {
                        await command.DisposeAsync();
                    }
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
    }

    private async Task<DbCommand> PrepareInsertAsync(StoreTable table, int rowCount, CancellationToken ct)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var text = new System.Text.StringBuilder("INSERT INTO ").Append(table.Quoted).Append(" (")
            .AppendJoin(", ", table.Columns.Select(c => c.Quoted)).Append(") VALUES ");
        var p = 0;
        for (var r = 0; r < rowCount; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var i = 0; i < table.Columns.Count; i++, p++)
            {
                var name = "$p" + p.ToString(System.Globalization.CultureInfo.InvariantCulture);
                text.Append(i == 0 ? "" : ", ").Append(name);
                // The mapping configures the parameter the way EF does (SQLite: GUID and decimal as TEXT).
                command.Parameters.Add(table.Columns[i].Mapping.CreateParameter(command, name, null, table.Columns[i].Nullable));
            }
            text.Append(')');
        }
        command.CommandText = text.ToString();
        await command.PrepareAsync(ct);
        return command;
    }

    private StoreTable TableOf(Type type)
    {
        if (!tables.TryGetValue(type, out var table))
        {
            table = StoreTable.Of(db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not an entity."));
            tables[type] = table;
        }
        return table;
    }
}
