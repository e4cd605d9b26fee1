package dev.ballast.api.http.prometheus;

import dev.ballast.api.http.auth.RouteTable;
import dev.ballast.persistence.metrics.JournalGauges;
import dev.ballast.persistence.readside.ReadSideStatus;
import dev.ballast.persistence.readside.SliceStatus;
import dev.ballast.api.http.auth.Throttle;
import dev.ballast.persistence.metrics.JournalWrites;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
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
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's Micrometer registry in Prometheus form: JVM memory, GC, threads, classes, CPU and
 * uptime; the journal's event count; the read-side slices' offsets and state; and the latency of
 * every HTTP request by route template (from the route table, so ids do not explode the labels);
 * once bound to the actor system, the journal's writes, dead letters and each slice's offset; the
 * login and token throttles' counts.
 * Other parts register their meters on {@link #registry()}.
 */
public final class ServerMetrics implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServerMetrics.class);
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final RouteTable table;
  private final LongAdder deadLetters = new LongAdder();
  private final MultiGauge sliceOffsets;
  private final MultiGauge sliceBehind;
  private volatile java.util.function.Supplier<java.util.List<dev.ballast.persistence.ops.ReadSideLagHealth.SliceLag>> lag;
  private final ReadSideStatus readSide;

  public ServerMetrics(RouteTable table, JournalGauges journal, ReadSideStatus readSide) {
    this.table = table;
    this.sliceOffsets = MultiGauge.builder("ballast.readside.slice.offset")
        .description("the journal offset a read-side slice has committed (its projection stream's progress)").register(registry);
    this.sliceBehind = MultiGauge.builder("ballast.readside.slice.behind")
        .description("the journal events of a read-side slice after its committed offset (up to 10,000), on whichever node it runs")
        .register(registry);
    this.readSide = readSide;
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
        // the gauges object is made for this gauge alone: held weakly (the default) it was collected and the gauge read NaN
        .strongReference(true)
        .register(registry);
    Gauge.builder("ballast.readside.slices.stopped", readSide, slices(s -> s.state() == SliceStatus.State.STOPPED ? 1 : 0))
        .description("read-side slices stopped on an event they could not apply")
        .register(registry);
    Gauge.builder("ballast.readside.offset.min", readSide,
            r -> r.slices().stream().mapToLong(SliceStatus::offset).min().orElse(0))
        .description("the lowest journal offset committed by a read-side slice")
        .register(registry);
  }

  /**
   * The actor system's figures: the journal's writes as its DAO saw them (events, batches,
   * failures, each batch's time in the database), dead letters (messages to actors that are gone
   * or never were), and each read-side slice's committed offset (the projection streams' progress).
   */
  public void bind(org.apache.pekko.actor.typed.ActorSystem<?> system) {
    JournalWrites writes = JournalWrites.get(org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(system));
    FunctionCounter.builder("ballast.journal.events.written", writes, JournalWrites::events)
        .description("events this server wrote to the journal").register(registry);
    FunctionCounter.builder("ballast.journal.write.batches", writes, JournalWrites::batches)
        .description("write batches this server sent to the journal (one or more events in one transaction)").register(registry);
    FunctionCounter.builder("ballast.journal.write.failures", writes, JournalWrites::failures)
        .description("write batches the database refused").register(registry);
    Timer writeTime = Timer.builder("ballast.journal.write")
        .description("time of one journal write batch in the database")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(100_000))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
    writes.listen((events, nanos, failed) -> writeTime.record(nanos, TimeUnit.NANOSECONDS));
    var counter = system.systemActorOf(org.apache.pekko.actor.typed.javadsl.Behaviors.receive(org.apache.pekko.actor.DeadLetter.class)
        .onAnyMessage(d -> {
          deadLetters.increment();
          return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
        }).build(), "metrics-dead-letters", org.apache.pekko.actor.typed.Props.empty());
    system.eventStream().tell(new org.apache.pekko.actor.typed.eventstream.EventStream.Subscribe<>(org.apache.pekko.actor.DeadLetter.class, counter));
    FunctionCounter.builder("pekko.dead.letters", deadLetters, LongAdder::sum)
        .description("messages sent to actors that had stopped or never existed").register(registry);
  }

  /** Counts of a throttle under {@code name} (login, token): failures it counted and requests it refused. */
  public void throttle(String name, Throttle throttle) {
    FunctionCounter.builder("ballast.throttle.failures", throttle, Throttle::failures).tag("throttle", name)
        .description("failures a throttle counted (wrong passwords, wrong tokens)").register(registry);
    FunctionCounter.builder("ballast.throttle.refusals", throttle, Throttle::refusals).tag("throttle", name)
        .description("requests a throttle refused (answered 429)").register(registry);
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

  /**
   * Adds {@code ballast_readside_slice_behind{projection, slice, local}}: every slice's lag from the
   * offset store ({@link dev.ballast.persistence.ops.ReadSideLagHealth#slices}), the slices of other nodes included.
   */
  public ServerMetrics withReadSideLag(java.util.function.Supplier<java.util.List<dev.ballast.persistence.ops.ReadSideLagHealth.SliceLag>> lag) {
    this.lag = lag;
    return this;
  }

  public String scrape() {
    var slicesLag = lag;
    if (slicesLag != null) {
      try {
        sliceBehind.register(slicesLag.get().stream().map(sl -> MultiGauge.Row.of(Tags.of("projection", sl.projection(), "slice", sl.slice(),
            "local", Boolean.toString(sl.local())), sl.behind())).toList(), true);
      } catch (RuntimeException e) {
        // the database is away: the rows of the last scrape stay; readiness says what is wrong
        LOG.debug("read-side lag not read: {}", e.toString());
      }
    }
    if (readSide != null) {
      // slices start after the server: their rows are taken at each scrape
      sliceOffsets.register(readSide.slices().stream()
          .map(sl -> MultiGauge.Row.of(Tags.of("projection", sl.projection(), "slice", sl.slice()), sl.offset())).toList(), true);
    }
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
