package dev.ballast.persistence.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ballast.engine.backtest.BacktestRequest;
import dev.ballast.engine.backtest.BacktestResult;
import dev.ballast.engine.backtest.Backtester;
import dev.ballast.engine.backtest.Bar;
import dev.ballast.engine.backtest.BarSource;
import dev.ballast.persistence.db.Database;
import dev.ballast.persistence.testing.TestBackend;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stored backtest runs on each database: the request read back equal, the series and fills exact, a failed run with its reason. */
abstract class BacktestRunStoreContract {
  static final LocalDate D1 = LocalDate.of(2024, 1, 1);
  static final Instant T1 = Instant.parse("2026-12-03T05:00:00.123456Z");
  @TempDir Path dir;
  Database database;
  BacktestRunStore runs;

  abstract TestBackend backend();

  @BeforeEach
  void open() {
    database = Database.open(backend().newDatabase(dir));
    database.migrate();
    runs = new BacktestRunStore(database);
  }

  @AfterEach
  void close() {
    database.close();
  }

  static BacktestRequest request() {
    return new BacktestRequest("threshold", "/data/p.csv", D1, D1.plusDays(2), new BigDecimal("1000.50"), "USD",
        Map.of("band", "5", "lot", "0.001", "schedule", "daily"));
  }

  static BacktestResult result(BacktestRequest req) {
    List<Bar> bars = new ArrayList<>();
    String[] closes = {"10", "11.5", "12.25"};
    for (int i = 0; i < closes.length; i++) {
      bars.add(Bar.flat(D1.plusDays(i), dev.ballast.engine.model.AssetId.of("AAA"), new BigDecimal(closes[i])));
    }
    return Backtester.of(req.config(List.of("AAA")), BarSource.of(bars)).run();
  }

  @Test
  void aCompletedRunReadsBackWithItsRequestSeriesAndFillsExactly() {
    BacktestRequest req = request();
    BacktestResult r = result(req);
    runs.start("bt-1", req, null, T1);
    assertEquals(BacktestRunStore.Status.RUNNING, runs.find("bt-1").orElseThrow().status());
    runs.complete("bt-1", r, T1.plusSeconds(1));
    BacktestRunStore.StoredRun stored = runs.find("bt-1").orElseThrow();
    assertEquals(BacktestRunStore.Status.DONE, stored.status());
    assertEquals(req, stored.request());
    assertEquals(r.digest(), stored.digest());
    assertEquals(0, r.metrics().endValue().compareTo(stored.endValue()));
    assertEquals(r.metrics().trades(), stored.trades());
    assertEquals(T1, stored.createdAt());
    assertEquals(r.values().stream().map(v -> v.date() + "=" + v.value().stripTrailingZeros().toPlainString()).toList(),
        runs.values("bt-1").stream().map(v -> v.date() + "=" + v.value().toPlainString()).toList());
    assertEquals(r.fills().size(), runs.fills("bt-1").size());
    BacktestRunStore.StoredFill f = runs.fills("bt-1").get(0);
    assertEquals(0, r.fills().get(0).quantity().compareTo(f.quantity()));
    assertEquals(0, r.fills().get(0).price().compareTo(f.price()));
    assertTrue(stored.metrics().containsKey("twr"), stored.metrics().toString());
    // completing twice is refused: the first result stays
    assertThrows(IllegalStateException.class, () -> runs.complete("bt-1", r, T1));
    assertEquals(r.values().size(), runs.values("bt-1").size());
  }

  @Test
  void aFailedRunKeepsItsReasonAndTheListIsNewestFirst() {
    runs.start("bt-1", request(), null, T1);
    runs.start("bt-2", request(), "bt-1", T1.plusSeconds(5));
    runs.fail("bt-2", "backtest: no bars from 2024-01-01 to 2024-01-03", T1.plusSeconds(6));
    assertEquals(List.of("bt-2", "bt-1"), runs.list(10).stream().map(BacktestRunStore.StoredRun::id).toList());
    BacktestRunStore.StoredRun failed = runs.find("bt-2").orElseThrow();
    assertEquals(BacktestRunStore.Status.FAILED, failed.status());
    assertEquals("bt-1", failed.rerunOf());
    assertTrue(failed.error().contains("no bars"));
    assertEquals(List.of(), runs.values("bt-2"));
    assertTrue(runs.find("bt-3").isEmpty());
  }

  @Test
  void everyDecisionIsStoredWithItsInputsInOrderAndReadsBackInPages() throws Exception {
    BacktestRequest req = request();
    BacktestResult r = result(req);
    runs.start("bt-1", req, null, T1);
    runs.complete("bt-1", r, T1.plusSeconds(1));
    // daily over three bars: three decisions, the first buys, the other two are inside the band
    assertEquals(3, r.decisions().size());
    dev.ballast.persistence.query.Page<BacktestRunStore.StoredDecision> first = runs.decisions("bt-1", 0, 2);
    assertEquals(3, first.total());
    assertEquals(List.of(1, 2), first.items().stream().map(BacktestRunStore.StoredDecision::seq).toList());
    dev.ballast.persistence.query.Page<BacktestRunStore.StoredDecision> second = runs.decisions("bt-1", 2, 2);
    assertEquals(List.of(3), second.items().stream().map(BacktestRunStore.StoredDecision::seq).toList());
    assertEquals(3, second.total());
    assertEquals(0, runs.decisions("bt-2", 0, 10).total());

    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    List<BacktestRunStore.StoredDecision> all = new ArrayList<>(first.items());
    all.addAll(second.items());
    for (int k = 0; k < 3; k++) {
      BacktestResult.Decision d = r.decisions().get(k);
      BacktestRunStore.StoredDecision s = all.get(k);
      assertEquals(d.decisionId(), s.decisionId());
      assertEquals(D1.plusDays(k), s.date());
      assertEquals(D1.plusDays(k + 1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), s.decidedAt());
      assertEquals("threshold-rebalancing", s.policy());
      assertEquals(d.plan().intents().size(), s.intents());
      assertEquals(d.passed().size(), s.passed());
      // the decision's inputs and plan read back as they were made: an audit can plan from them again
      BacktestRunStore.Decided decided = json.readValue(s.decidedJson(), BacktestRunStore.Decided.class);
      assertEquals(d.inputs(), decided.inputs());
      assertEquals(d.plan(), decided.plan());
      BacktestRunStore.Screened screened = json.readValue(s.screenedJson(), BacktestRunStore.Screened.class);
      assertEquals(d.passed(), screened.passed());
      assertEquals(d.rejections(), screened.rejected());
    }
    // the first decision saw the initial cash and the first close only, and bought
    com.fasterxml.jackson.databind.JsonNode inputs = json.readTree(all.get(0).decidedJson()).path("inputs");
    assertEquals("USD", inputs.path("holdings").get(0).path("asset").asText());
    assertEquals(0, new BigDecimal("1000.50").compareTo(inputs.path("holdings").get(0).path("quantity").decimalValue()), inputs.toString());
    assertEquals(1, inputs.path("prices").size());
    assertEquals(0, BigDecimal.TEN.compareTo(inputs.path("prices").get(0).path("price").path("value").decimalValue()), inputs.toString());
    assertEquals(1, all.get(0).passed());
    assertEquals(0, all.get(1).intents());
    assertEquals(0, all.get(2).intents());
  }
}
