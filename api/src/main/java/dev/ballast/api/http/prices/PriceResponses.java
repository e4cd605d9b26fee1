package dev.ballast.api.http.prices;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ballast.adapters.marketdata.SourceStatus;
import dev.ballast.engine.marketdata.CorporateAction;
import dev.ballast.persistence.marketdata.PriceSync;
import dev.ballast.persistence.marketdata.StoredAction;
import dev.ballast.persistence.marketdata.StoredBar;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The bodies {@code /api/prices} answers with. */
public final class PriceResponses {
  private PriceResponses() {}

  /** One stored daily bar. */
  public record Bar(String date, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
      @JsonProperty("adjusted_close") BigDecimal adjustedClose, BigDecimal volume, String source,
      @JsonProperty("fetched_at") Instant fetchedAt) {
    static Bar of(StoredBar b) {
      return new Bar(b.date().toString(), b.open(), b.high(), b.low(), b.close(), b.adjustedClose(), b.volume(), b.source(), b.fetchedAt());
    }
  }

  /** The prices of one asset, and where they come from ({@code sources} empty: none, so never priced). */
  public record AssetPrices(String asset, String instrument, Map<String, String> sources, List<Bar> bars) {}

  /** How a sync of one asset or pair went. */
  public record SyncOutcome(String asset, String instrument, String status, String source, List<String> fetched, int bars,
      @JsonProperty("new_actions") List<String> newActions, List<String> errors) {
    static SyncOutcome of(PriceSync.Outcome o) {
      return new SyncOutcome(o.asset(), o.instrument(), o.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), o.source(),
          o.fetched().stream().map(Object::toString).toList(), o.bars(), o.newActions().stream().map(PriceResponses::describe).toList(),
          o.errors());
    }
  }

  /** A source's health. */
  public record Source(String source, @JsonProperty("last_success") Instant lastSuccess, @JsonProperty("last_error_at") Instant lastErrorAt,
      @JsonProperty("last_error") String lastError, @JsonProperty("breaker_state") String breakerState) {
    static Source of(SourceStatus s) {
      return new Source(s.source(), s.lastSuccess(), s.lastErrorAt(), s.lastError(), s.breakerState());
    }
  }

  /**
   * {@code GET /api/prices/sync/progress}: the running sync (state "running"), or the last one ("done"), or "idle" before
   * any; percent of the assets and pairs done, to 1 decimal.
   */
  public record SyncProgress(long run, String state, int total, int done, int failed, BigDecimal percent, String current,
      Instant started, Instant finished) {
    static SyncProgress of(dev.ballast.persistence.marketdata.PriceSync.Progress p) {
      String state = p.running() ? "running" : p.run() == 0 ? "idle" : "done";
      BigDecimal percent = p.total() == 0 ? (p.run() == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(100))
          : BigDecimal.valueOf(p.done() * 1000L / p.total(), 1);
      return new SyncProgress(p.run(), state, p.total(), p.done(), p.failed(), percent, p.current(), p.started(), p.finished());
    }
  }

  /** A split or dividend a source reported, and what became of it. */
  public record Action(String source, @JsonProperty("external_id") String externalId, String instrument, String kind,
      @JsonProperty("ex_date") String exDate, String ratio, BigDecimal amount, String status) {
    static Action of(StoredAction a) {
      CorporateAction c = a.action();
      return new Action(a.source(), c.externalId(), c.instrument().toString(), c instanceof CorporateAction.Split ? "split" : "dividend",
          c.exDate().toString(), c instanceof CorporateAction.Split s ? s.numerator().toPlainString() + ":" + s.denominator().toPlainString() : null,
          c instanceof CorporateAction.Dividend d ? d.perUnit().value() : null, a.status().name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  static String describe(CorporateAction a) {
    return a instanceof CorporateAction.Split s
        ? "split " + s.numerator().toPlainString() + ":" + s.denominator().toPlainString() + " on " + s.exDate()
        : "dividend " + ((CorporateAction.Dividend) a).perUnit() + " on " + a.exDate();
  }
}
