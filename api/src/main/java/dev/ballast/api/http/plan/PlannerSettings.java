package dev.ballast.api.http.plan;

import com.typesafe.config.Config;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.planner.TaxModel;
import dev.ballast.engine.planner.VenueRule;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ballast.planner}: the tax model and the venues' fees, minimums and tradable assets,
 * keyed by the account's provider (docs/planner.md); each missing key keeps its default.
 */
public record PlannerSettings(TaxModel tax, Venue defaultVenue, Map<String, Venue> venues) {

  /** A venue's rule with the minimum as a bare number (in the portfolio's base currency) and the assets it trades (empty: any). */
  public record Venue(BigDecimal feeRate, BigDecimal minimumOrder, int quantityScale, Optional<Set<AssetId>> assets) {
    public VenueRule rule(String name, AssetId base) {
      return new VenueRule(name, feeRate, new Money(minimumOrder, base), quantityScale);
    }
  }

  public static PlannerSettings defaults() {
    return new PlannerSettings(TaxModel.japan(), new Venue(BigDecimal.ZERO, BigDecimal.ZERO, 8, Optional.empty()), Map.of());
  }

  public Venue venue(String provider) {
    return provider == null ? defaultVenue : venues.getOrDefault(provider, defaultVenue);
  }

  public static PlannerSettings from(Config root) {
    PlannerSettings d = defaults();
    if (!root.hasPath("ballast.planner")) {
      return d;
    }
    Config c = root.getConfig("ballast.planner");
    Map<TaxWrapper, BigDecimal> rates = new EnumMap<>(d.tax().gainRates());
    boolean offset = d.tax().lossesOffsetGains();
    if (c.hasPath("tax.losses-offset-gains")) {
      offset = c.getBoolean("tax.losses-offset-gains");
    }
    if (c.hasPath("tax.rates")) {
      Config r = c.getConfig("tax.rates");
      for (String key : r.root().keySet()) {
        TaxWrapper wrapper;
        try {
          wrapper = TaxWrapper.valueOf(key);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("ballast.planner.tax.rates." + key + ": not a tax kind (one of " + List.of(TaxWrapper.values()) + ")");
        }
        rates.put(wrapper, decimal(r, key, "ballast.planner.tax.rates." + key));
      }
    }
    Venue fallback = c.hasPath("default-venue") ? venue(c.getConfig("default-venue"), d.defaultVenue(), "ballast.planner.default-venue")
        : d.defaultVenue();
    Map<String, Venue> venues = new LinkedHashMap<>();
    if (c.hasPath("venues")) {
      Config v = c.getConfig("venues");
      for (String name : v.root().keySet()) {
        venues.put(name, venue(v.getConfig(name), fallback, "ballast.planner.venues." + name));
      }
    }
    return new PlannerSettings(new TaxModel(rates, offset), fallback, venues);
  }

  private static Venue venue(Config c, Venue d, String where) {
    BigDecimal fee = c.hasPath("fee-rate") ? decimal(c, "fee-rate", where + ".fee-rate") : d.feeRate();
    BigDecimal min = c.hasPath("minimum-order") ? decimal(c, "minimum-order", where + ".minimum-order") : d.minimumOrder();
    int scale = c.hasPath("quantity-scale") ? c.getInt("quantity-scale") : d.quantityScale();
    Optional<Set<AssetId>> assets = c.hasPath("assets")
        ? Optional.of(Set.copyOf(c.getStringList("assets").stream().map(AssetId::of).toList())) : d.assets();
    // checks the figures at start, naming the key, rather than at the first plan (the currency is the portfolio's, later)
    new VenueRule(where, fee, new Money(min, AssetId.of("JPY")), scale);
    return new Venue(fee, min, scale, assets);
  }

  private static BigDecimal decimal(Config c, String key, String where) {
    try {
      return new BigDecimal(c.getString(key).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": expected a decimal number, got \"" + c.getString(key) + "\"");
    }
  }
}
