package dev.ballast.api.http.prometheus;

import dev.ballast.api.http.auth.RouteTable;
import dev.ballast.persistence.metrics.JournalGauges;
import dev.ballast.persistence.readside.ReadSideStatus;
import dev.ballast.persistence.readside.SliceStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's Micrometer registry in Prometheus form: JVM memory, GC, threads, classes, CPU and
 * uptime; the journal's event count; the read-side slices' offsets and state; and the latency of
 * every HTTP request by route template (from the route table, so ids do not explode the labels).
 * Other parts register their meters on {@link #registry()}.
 */
public final class ServerMetrics implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServerMetrics.class);
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final RouteTable table;

  public ServerMetrics(RouteTable table, JournalGauges journal, ReadSideStatus readSide) {
    this.table = table;
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    AtomicLong lastEvents = new AtomicLong();
    Gauge.builder("ballast.journal.events", journal, j -> {
          try {
            lastEvents.set(j.highestOrdering());
          } catch (RuntimeException e) {
            // a scrape must not fail because the database is briefly away: the last figure stands
            LOG.warn("journal gauge: {}", e.toString());
          }
          return lastEvents.get();
        })
        .description("events written to the journal (its highest ordering)")
        .register(registry);
    Gauge.builder("ballast.readside.slices.stopped", readSide, slices(s -> s.state() == SliceStatus.State.STOPPED ? 1 : 0))
        .description("read-side slices stopped on an event they could not apply")
        .register(registry);
    Gauge.builder("ballast.readside.offset.min", readSide,
            r -> r.slices().stream().mapToLong(SliceStatus::offset).min().orElse(0))
        .description("the lowest journal offset committed by a read-side slice")
        .register(registry);
  }

  private static ToDoubleFunction<ReadSideStatus> slices(ToDoubleFunction<SliceStatus> each) {
    return r -> r.slices().stream().mapToDouble(each).sum();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Counts one HTTP request under its route template (or "unmatched"). */
  public void recordRequest(String method, String path, int status, long nanos) {
    String route = table.match(method, path).map(RouteTable.Rule::path).orElse("unmatched");
    Timer.builder("http.server.requests")
        .tag("method", method)
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .publishPercentileHistogram()
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
