#:package Newtonsoft.Json@13.0.3
#:package Serilog@4.3.0
#:package Serilog.Sinks.Console@6.0.0
#:package Polly@8.5.2
// What an assistant wrote when asked to "load orders from JSON with retries and logging".
using Newtonsoft.Json;
using Polly;
using Polly.Retry;
using Serilog;

Log.Logger = new LoggerConfiguration()
    .MinimumLevel.Debug()
    .WriteTo.Console()
    .CreateLogger();

var pipeline = new ResiliencePipelineBuilder()
    .AddRetry(new RetryStrategyOptions { MaxRetryAttempts = 3, Delay = TimeSpan.FromMilliseconds(200) })
    .AddTimeout(TimeSpan.FromSeconds(10))
    .Build();

var json = await pipeline.ExecuteAsync(async token => await File.ReadAllTextAsync("orders.json", token));
var orders = await JsonConvert.DeserializeObjectAsync<List<Order>>(json);
Log.Information("Loaded {Count} orders", orders.Count);

var total = await pipeline.ExecuteWithRetryAsync(() => Task.FromResult(orders.Sum(o => o.Total)));
Log.Logger.Information("Total {Total}", total);
await Log.CloseAndFlushAsync();

record Order(int Id, decimal Total);
