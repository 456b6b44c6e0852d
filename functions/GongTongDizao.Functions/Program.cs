using GongTongDizao.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Logging.AddGongTongDizaoLogging();
builder.Services.AddGongTongDizaoTelemetry(builder.Configuration);
builder.Services.AddGongTongDizaoFunctions(builder.Configuration);
builder.Build().Run();
