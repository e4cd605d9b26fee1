package dev.ballast.api.http.portfolios;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ballast.engine.portfolio.TargetAllocation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A portfolio as the API shows it: its accounts and its target allocation (null until one is set). */
public record PortfolioResponse(
    String portfolioId, String name, String baseCurrency, Instant createdAt, List<String> accounts, Target target) {

  /** A target allocation as the API shows it. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Target(String kind, List<Weight> targets, Map<String, List<String>> groups) {
    static Target of(TargetAllocation allocation) {
      return allocation == null ? null : new Target(allocation.kind() == null ? null : allocation.kind().name(),
          allocation.targets().stream().map(t -> new Weight(t.key(), t.weightPercent(), t.account())).toList(),
          allocation.groups().entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
              e -> e.getValue().stream().map(a -> a.value()).toList(), (a, b) -> a, java.util.TreeMap::new)));
    }
  }

  /** One target; {@code account} (left out when none) is the account it is held in. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Weight(String key, BigDecimal weightPercent, String account) {}
}
