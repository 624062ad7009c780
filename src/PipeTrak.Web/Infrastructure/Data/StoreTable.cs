using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace PipeTrak.Web.Infrastructure.Data;

/// <summary>
/// An entity's table as EF stores it: table name, and every mapped column with its type mapping and
/// the value EF would send (converters applied: type codes, milestone values; enums as integers).
/// For the provider fast paths that write without the change tracker (<see cref="BulkWriter"/>, the
/// milestone update statement), so they store rows exactly as SaveChanges would. Identifiers come
/// from the model, never from input.
/// </summary>
public sealed record StoreTable(string Name, IReadOnlyList<StoreColumn> Columns, IReadOnlyList<StoreColumn> Key)
{
    public static StoreTable Of(IEntityType entity)
    {
        var name = entity.GetTableName() ?? throw new InvalidOperationException($"{entity.ClrType.Name} is not mapped to a table.");
        var store = StoreObjectIdentifier.Table(name, entity.GetSchema());
        var columns = new List<StoreColumn>();
        foreach (var property in entity.GetProperties())
        {
            if (property.GetColumnName(store) is { } column)
            {
                columns.Add(new StoreColumn(column, property, property.GetRelationalTypeMapping(), property.GetGetter(), property.IsNullable));
            }
        }
        var keyProperties = entity.FindPrimaryKey()?.Properties ?? [];
        return new StoreTable(name, columns, [.. columns.Where(c => keyProperties.Contains(c.Property))]);
    }

    public string Quoted => Quote(Name);

    public StoreColumn Column(string propertyName) =>
        Columns.FirstOrDefault(c => c.Property.Name == propertyName)
        ?? throw new InvalidOperationException($"Table {Name} has no column for {propertyName}.");

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

public sealed record StoreColumn(string Name, IProperty Property, RelationalTypeMapping Mapping, IClrPropertyGetter Getter, bool Nullable)
{
    public string Quoted => StoreTable.Quote(Name);

    /// <summary>The entity's value of this column as the provider receives it.</summary>
    public object? ProviderValue(object entity)
    {
        var value = Getter.GetClrValue(entity);
        if (value is null)
        {
            return null;
        }
        if (Mapping.Converter is { } converter)
        {
            value = converter.ConvertToProvider(value);
        }
        return value is Enum e ? Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture) : value;
    }
}
