package dev.ballast.api.http.valuation;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ballast.engine.marketdata.valuation.Snapshot;
import dev.ballast.engine.marketdata.valuation.SnapshotLine;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code GET /api/valuation/portfolios/{id}/snapshot}: what a portfolio is worth on a date in one currency. */
public record SnapshotResponse(String portfolio, String date, String currency, BigDecimal total, boolean complete, int stale, int missing,
    List<Line> lines, @JsonProperty("by_class") Map<String, Snapshot.Group> byClass,
    @JsonProperty("by_account") Map<String, Snapshot.Group> byAccount) {

  /** One valued holding; value, weight, cost and P&L are null when its price or an FX rate is missing. */
  public record Line(String account, String asset, @JsonProperty("class") String assetClass, BigDecimal quantity, BigDecimal price,
      @JsonProperty("price_currency") String priceCurrency, @JsonProperty("price_date") String priceDate,
      @JsonProperty("age_days") Long ageDays, String status, BigDecimal value, BigDecimal weight, BigDecimal cost,
      @JsonProperty("unrealized_pnl") BigDecimal unrealizedPnl, String problem) {
    static Line of(SnapshotLine l) {
      return new Line(l.account(), l.asset().value(), l.assetClass() == null ? null : l.assetClass().name(), l.quantity(), l.price(),
          l.priceCurrency() == null ? null : l.priceCurrency().value(), l.priceDate() == null ? null : l.priceDate().toString(), l.ageDays(),
          l.status().name().toLowerCase(Locale.ROOT), l.value(), l.weight(), l.cost(), l.unrealizedPnl(), l.problem());
    }
  }

  public static SnapshotResponse of(String portfolio, Snapshot s) {
    return new SnapshotResponse(portfolio, s.date().toString(), s.currency().value(), s.total(), s.complete(), s.stale(), s.missing(),
        s.lines().stream().map(Line::of).toList(), s.byClass(), s.byAccount());
  }
}
