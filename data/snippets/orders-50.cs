using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Serilog;
using Serilog.Events;

Log.Logger = new LoggerConfiguration()
    .MinimumLevel.Information()
    .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
    .Enrich.FromLogContext()
    .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}")
    .CreateLogger();

var settings = new JsonSerializerSettings
{
    NullValueHandling = NullValueHandling.Ignore,
    DateFormatHandling = DateFormatHandling.IsoDateFormat,
    Formatting = Formatting.Indented,
};

var text = File.Exists("orders.json") ? File.ReadAllText("orders.json") : "[]";
var orders = JsonConvert.DeserializeObject<List<Order>>(text, settings) ?? [];
Log.Information("Loaded {Count} orders", orders.Count);

var byCustomer = orders.GroupBy(o => o.Customer).ToDictionary(g => g.Key, g => g.Sum(o => o.Total));
foreach (var (customer, total) in byCustomer.OrderByDescending(p => p.Value))
{
    Log.Debug("{Customer}: {Total:C}", customer, total);
}

var report = new JObject
{
    ["generated"] = DateTime.UtcNow,
    ["customers"] = JArray.FromObject(byCustomer.Keys),
    ["total"] = byCustomer.Values.Sum(),
};
var token = JToken.Parse(report.ToString(Formatting.None));
var first = token["customers"]?.First?.Value<string>();
Log.Information("First customer {First}", first ?? "(none)");

var legacy = await JsonConvert.SerializeObjectAsync(report);
using var writer = new StringWriter();
using var json = new JsonTextWriter(writer) { Formatting = Formatting.Indented };
JsonSerializer.Create(settings).Serialize(json, orders);
Log.Write(LogEventLevel.Information, "Report {Length} chars", writer.ToString().Length);
Log.Logger.ForContext("Report", "orders").Information("Done {Legacy}", legacy.Length);
Log.CloseAndFlush();

record Order(string Customer, decimal Total, DateTime Placed);

static class OrderExtensions { public static bool IsLarge(this Order o) => o.Total > 1000m; }
