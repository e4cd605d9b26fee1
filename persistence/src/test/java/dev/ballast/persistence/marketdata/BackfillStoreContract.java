package dev.ballast.persistence.marketdata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ballast.engine.marketdata.BarInterval;
import dev.ballast.engine.marketdata.InMemoryPriceSource;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.OhlcBar;
import dev.ballast.engine.marketdata.live.FeedGaps;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.db.DatabaseSettings;
import dev.ballast.persistence.testing.Eventually;
import dev.ballast.persistence.testing.PekkoTestSystems;
import dev.ballast.persistence.testing.TestBackend;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live feed's gap back-filled through the FeedGaps entity into feed_backfill_bars; a repeat replaces the rows. */
abstract class BackfillStoreContract {
  private static final InstrumentId BTC = InstrumentId.of("BTC", "USDT");
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  @TempDir Path dir;
  private DatabaseSettings settings;
  private Database database;
  private ActorTestKit kit;
  private JdbcBackfillStore store;

  abstract TestBackend backend();

  @BeforeEach
  void open() {
    settings = backend().newDatabase(dir);
    database = Database.open(settings);
    database.migrate();
    kit = PekkoTestSystems.testKit("backfill", settings);
    store = new JdbcBackfillStore(database, ForkJoinPool.commonPool(), Clock.systemUTC());
  }

  @AfterEach
  void close() {
    kit.shutdownTestKit();
    database.close();
  }

  private static OhlcBar bar(int minute, String close) {
    return new OhlcBar(BTC, BarInterval.ONE_MINUTE, T0.plusSeconds(60L * minute), Price.of("100", "USDT"), Price.of("120", "USDT"),
        Price.of("90", "USDT"), Price.of(close, "USDT"), Quantity.of("1.5"));
  }

  @Test
  void aGapIsBackfilledFromTheHistoryIntoTheTable() {
    InMemoryPriceSource history = new InMemoryPriceSource("binance").withBars(List.of(bar(0, "101"), bar(1, "102"), bar(2, "103"), bar(3, "104")));
    ActorRef<FeedGaps.Command> gaps = kit.spawn(FeedGaps.create("binance", history, store));
    gaps.tell(new FeedGaps.RecordGap(T0, T0.plusSeconds(180), Set.of(BTC)));

    // the entity journals the back-fill only once the store has committed the bars
    TestProbe<FeedGaps.State> probe = kit.createTestProbe();
    Eventually.await(Duration.ofSeconds(20), () -> {
      gaps.tell(new FeedGaps.Get(probe.ref()));
      FeedGaps.State state = probe.receiveMessage();
      return !state.recent().isEmpty() && state.recent().get(0).backfilled().equals(List.of(BTC));
    }, () -> "the gap's back-fill did not complete");
    assertEquals(List.of(bar(0, "101"), bar(1, "102"), bar(2, "103")),
        store.bars("binance", BTC, BarInterval.ONE_MINUTE, T0, T0.plusSeconds(3600)), "the bars in the gap, not the one after it");
  }

  @Test
  void storingTheSameBarsAgainReplacesThem() {
    assertEquals(2, store.store("kraken", List.of(bar(0, "101"), bar(1, "102"))).toCompletableFuture().join());
    assertEquals(1, store.store("kraken", List.of(bar(1, "110"))).toCompletableFuture().join());
    assertEquals(List.of(bar(0, "101"), bar(1, "110")), store.bars("kraken", BTC, BarInterval.ONE_MINUTE, T0, T0.plusSeconds(3600)));
    assertEquals(List.of(), store.bars("binance", BTC, BarInterval.ONE_MINUTE, T0, T0.plusSeconds(3600)), "per feed");
  }
}
