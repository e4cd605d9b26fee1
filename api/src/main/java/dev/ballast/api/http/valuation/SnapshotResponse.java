package dev.ballast.api.http.valuation;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ballast.engine.marketdata.valuation.Snapshot;
import dev.ballast.engine.marketdata.valuation.SnapshotLine;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET /api/valuation/portfolios/{id}/snapshot}: what a portfolio is worth on a date in one currency, per line and per
 * group: asset class, account, asset, venue (the accounts' provider), currency (what a line is quoted in: cash its own) and
 * the target's groups ({@code by_group} null when the target is not by group).
 */
public record SnapshotResponse(String portfolio, String date, String currency, BigDecimal total, boolean complete, int stale, int missing,
    List<Line> lines, @JsonProperty("by_class") Map<String, Snapshot.Group> byClass,
    @JsonProperty("by_account") Map<String, Snapshot.Group> byAccount, @JsonProperty("by_asset") Map<String, Snapshot.Group> byAsset,
    @JsonProperty("by_venue") Map<String, Snapshot.Group> byVenue, @JsonProperty("by_currency") Map<String, Snapshot.Group> byCurrency,
    @JsonProperty("by_group") Map<String, Snapshot.Group> byGroup) {

  /** The groupings a snapshot cannot know by itself: the venue of each account, the currency of a line, the target's groups. */
  public record Views(Function<SnapshotLine, String> venue, Function<SnapshotLine, String> currency, Function<SnapshotLine, String> group) {}

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

  public static SnapshotResponse of(String portfolio, Snapshot s, Views views) {
    return new SnapshotResponse(portfolio, s.date().toString(), s.currency().value(), s.total(), s.complete(), s.stale(), s.missing(),
        s.lines().stream().map(Line::of).toList(), s.byClass(), s.byAccount(), s.byAsset(), s.by(views.venue()), s.by(views.currency()),
        views.group() == null ? null : s.by(views.group()));
  }
}
