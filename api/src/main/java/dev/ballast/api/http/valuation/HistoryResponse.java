package dev.ballast.api.http.valuation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ballast.engine.marketdata.valuation.ValueHistory;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/valuation/portfolios/{id}/history} and {@code .../accounts/{id}/history}: the
 * daily value in one currency with each day's external flow; a day that could not be valued
 * whole says what it lacks. {@code precomputed}: answered from the days computed for an earlier
 * request, the ledgers and stored prices being unchanged since.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryResponse(String portfolio, String account, String currency, String from, String to, boolean complete,
    @JsonProperty("incomplete_days") int incompleteDays, boolean precomputed, List<Day> days) {

  /**
   * One day: its value at the end (exact), the external flow it includes, and what was stale or missing; with {@code by},
   * the value per account, asset, class, venue and currency asked, and {@code allocation}: each class's, venue's and
   * currency's weight in the day's value (percent, 4 decimals, half even, as the snapshot's weights).
   */
  public record Day(String date, BigDecimal value, BigDecimal flow, boolean complete, int stale,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> missing,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("by_account") Map<String, BigDecimal> byAccount,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("by_asset") Map<String, BigDecimal> byAsset,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("by_class") Map<String, BigDecimal> byClass,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("by_venue") Map<String, BigDecimal> byVenue,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("by_currency") Map<String, BigDecimal> byCurrency,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Map<String, BigDecimal>> allocation) {}

  static HistoryResponse of(String portfolio, String account, ValueHistory h, boolean precomputed) {
    List<Day> days = h.days().stream().map(d -> {
      Map<String, BigDecimal> byAsset = new LinkedHashMap<>();
      d.byAsset().forEach((k, v) -> byAsset.put(k.value(), v));
      Map<String, Map<String, BigDecimal>> allocation = new LinkedHashMap<>();
      for (ValueHistory.Breakdown g : ValueHistory.Breakdown.GROUPS) {
        if (d.groups().containsKey(g)) {
          allocation.put(g.name().toLowerCase(java.util.Locale.ROOT), d.weights(g));
        }
      }
      return new Day(d.date().toString(), d.value(), d.flow(), d.complete(), d.stale(), d.missing(), d.byAccount(), byAsset,
          d.group(ValueHistory.Breakdown.CLASS), d.group(ValueHistory.Breakdown.VENUE), d.group(ValueHistory.Breakdown.CURRENCY), allocation);
    }).toList();
    int incomplete = h.incomplete().size();
    return new HistoryResponse(portfolio, account, h.currency().value(), h.from().toString(), h.to().toString(), incomplete == 0, incomplete,
        precomputed, days);
  }
}
