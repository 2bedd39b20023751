using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tasklane.Infrastructure.Messaging;

namespace Tasklane.Infrastructure.Observability;

/// <summary>
/// Logs, traces and metrics for both hosts. Traces and metrics are always collected (so log scopes carry a
/// trace id) but leave the process only through OTLP when an endpoint is configured, and through a Prometheus
/// <c>/metrics</c> endpoint when <c>Metrics:Prometheus</c> is true.
/// </summary>
public static class Telemetry
{
    public static WebApplicationBuilder AddTasklaneLogging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration["Logging:Format"] ?? (builder.Environment.IsDevelopment() ? "simple" : "json");
        if (format == "json")
        {
            // One JSON object per line with the scopes: RequestId, RequestPath, TraceId and SpanId (from the host's
            // activity tracking) land on every entry written while a request runs.
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.IncludeScopes = true;
                o.ColorBehavior = LoggerColorBehavior.Default;
            });
        }

        builder.Logging.Configure(o =>
            o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId
        );
        return builder;
    }

    public static WebApplicationBuilder AddTasklaneTelemetry(this WebApplicationBuilder builder, HostRole role)
    {
        var config = builder.Configuration;
        var serviceName = role == HostRole.Api ? "tasklane-api" : "tasklane-worker";
        var otel = builder
            .Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(tracing =>
                tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperational(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddRedisInstrumentation()
                    .AddSource("Wolverine")
            )
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsqlInstrumentation().AddMeter("Wolverine*");
                if (PrometheusEnabled(config))
                {
                    metrics.AddPrometheusExporter();
                }
            });

        if (config["OpenTelemetry:OtlpEndpoint"] is { Length: > 0 } endpoint)
        {
            var protocol =
                config["OpenTelemetry:OtlpProtocol"] == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            otel.UseOtlpExporter(protocol, new Uri(endpoint));
        }
        else if (config["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 })
        {
            // The standard variables (endpoint, protocol, headers) are read by the exporter itself.
            otel.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary><c>/metrics</c> in Prometheus text format, only when <c>Metrics:Prometheus</c> is true (404 otherwise).</summary>
    public static WebApplication MapTasklaneMetrics(this WebApplication app)
    {
        if (PrometheusEnabled(app.Configuration))
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }

        return app;
    }

    private static bool PrometheusEnabled(IConfiguration config) => config.GetValue("Metrics:Prometheus", false);

    // Probes and scrapes every few seconds would drown the traces that matter.
    private static bool IsOperational(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
