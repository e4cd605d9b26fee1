package dev.ballast.engine.allocation;

import dev.ballast.engine.regime.Regime;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The group bounds each regime allows (groups BTC, ETH, ALT, STABLE), with the defaults of
 * docs/strategies.md, and the optional BTC-core profile; {@link #constraintsFor} turns them into an
 * optimizer's constraints and says which bound won where the profile and the regime disagree.
 */
public record RegimeBounds(Map<Regime, Map<String, Bound>> byRegime) {

  public static final String BTC = "BTC";
  public static final String ETH = "ETH";
  public static final String ALT = "ALT";
  public static final String STABLE = "STABLE";

  public RegimeBounds {
    EnumMap<Regime, Map<String, Bound>> copy = new EnumMap<>(Regime.class);
    byRegime.forEach((r, m) -> copy.put(r, Map.copyOf(m)));
    for (Regime r : Regime.values()) {
      if (!copy.containsKey(r)) {
        throw new IllegalArgumentException("bounds: none for regime " + r);
      }
    }
    byRegime = java.util.Collections.unmodifiableMap(copy);
  }

  public static final RegimeBounds DEFAULTS = new RegimeBounds(Map.of(
      Regime.RISK_OFF, groups(0, 0.2, 0, 0.2, 0, 0.1, 0.6, 1),
      Regime.BTC_SEASON, groups(0.5, 1, 0.1, 0.4, 0, 0.1, 0, 0.3),
      Regime.ALT_SEASON, groups(0.1, 0.4, 0.3, 0.6, 0.2, 0.5, 0, 0.2),
      Regime.RISK_ON, groups(0.2, 0.4, 0.2, 0.4, 0.2, 0.4, 0, 0.2),
      Regime.HODL, groups(0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25)));

  private static Map<String, Bound> groups(double btcMin, double btcMax, double ethMin, double ethMax, double altMin, double altMax,
      double stableMin, double stableMax) {
    Map<String, Bound> m = new LinkedHashMap<>();
    m.put(BTC, new Bound(btcMin, btcMax));
    m.put(ETH, new Bound(ethMin, ethMax));
    m.put(ALT, new Bound(altMin, altMax));
    m.put(STABLE, new Bound(stableMin, stableMax));
    return m;
  }

  /** The BTC-core profile: BTC held within {@code btc} whatever the rest does; {@code profileWins} settles a conflict with the regime. */
  public record BtcCore(Bound btc, boolean profileWins) {
    public static final BtcCore DEFAULT = new BtcCore(new Bound(0.5, 0.6), true);

    public BtcCore {
      Objects.requireNonNull(btc, "btc");
    }
  }

  /** The constraints to optimize within, and how the BTC bound was settled (null without a profile). */
  public record Resolved(Regime regime, Constraints constraints, String btcBoundNote) {}

  /**
   * The regime's group bounds over assets mapped to groups; with a profile, the BTC group's bound is
   * the profile's where it wins, else the overlap of both, or the regime's when they do not overlap.
   */
  public Resolved constraintsFor(Regime regime, Map<String, String> groupOf, Map<String, Bound> assetBounds, BtcCore profile) {
    Map<String, Bound> groups = new LinkedHashMap<>(byRegime.get(regime));
    String note = null;
    if (profile != null) {
      Bound r = groups.get(BTC);
      Bound p = profile.btc();
      double lo = Math.max(r.min(), p.min());
      double hi = Math.min(r.max(), p.max());
      if (lo <= hi) {
        groups.put(BTC, new Bound(lo, hi));
        note = "BTC-core " + p + " and " + regime + " " + r + " overlap: BTC held within " + lo + ":" + hi;
      } else if (profile.profileWins()) {
        groups.put(BTC, p);
        note = "BTC-core " + p + " conflicts with " + regime + " " + r + ": the profile wins";
      } else {
        note = "BTC-core " + p + " conflicts with " + regime + " " + r + ": the regime wins";
      }
    }
    return new Resolved(regime, new Constraints(assetBounds, groupOf, groups), note);
  }
}
