package dev.ballast.adapters.statement.kraken;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kraken's asset codes as canonical ids: the legacy class prefixes dropped (XXBT, ZEUR), XBT as BTC
 * and XDG as DOGE, and staked or earn balances (DOT.S, ETH2.S, DOT28.S, .M, .P, .F, .B, .HOLD)
 * counted as their base asset, so a move into staking is no change of holding.
 */
public final class KrakenAssets {
  private static final Map<String, String> LEGACY = Map.ofEntries(
      Map.entry("XXBT", "BTC"), Map.entry("XBT", "BTC"), Map.entry("XXDG", "DOGE"), Map.entry("XDG", "DOGE"), Map.entry("XETH", "ETH"),
      Map.entry("XLTC", "LTC"), Map.entry("XXRP", "XRP"), Map.entry("XXLM", "XLM"), Map.entry("XZEC", "ZEC"), Map.entry("XETC", "ETC"),
      Map.entry("XMLN", "MLN"), Map.entry("XREP", "REP"), Map.entry("XXMR", "XMR"), Map.entry("ZUSD", "USD"), Map.entry("ZEUR", "EUR"),
      Map.entry("ZGBP", "GBP"), Map.entry("ZJPY", "JPY"), Map.entry("ZCAD", "CAD"), Map.entry("ZAUD", "AUD"), Map.entry("ZCHF", "CHF"),
      Map.entry("ETH2", "ETH"));
  private static final Pattern STAKED = Pattern.compile("(?:0[347]|14|21|28)?\\.(?:S|M|P|F|B|HOLD)$");

  /**
   * Short quote codes a pair may end in, longest first (USDT is not USD and a T). The prefixed
   * legacy codes (ZEUR) are read only after a prefixed base: XTZEUR is XTZ for EUR, not XT for ZEUR.
   */
  private static final java.util.List<String> QUOTE_SUFFIXES = java.util.List.of(
      "PYUSD", "USDT", "USDC", "USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "XBT", "ETH", "DAI");

  private KrakenAssets() {}

  /** A pair's two canonical codes: base and quote. */
  public record Pair(String base, String quote) {}

  /**
   * The base and quote of a trades.csv pair: {@code BTC/EUR} in newer exports, the legacy
   * {@code XXBTZEUR}, {@code USDTZUSD} (four letters and a four-letter legacy code), or a short code and its quote glued ({@code DOTUSD},
   * {@code XTZEUR}, {@code XBTPYUSD}); null when no known quote ends it.
   */
  public static Pair pair(String text) {
    String p = text.strip().toUpperCase(Locale.ROOT);
    int slash = p.indexOf('/');
    if (slash > 0 && slash < p.length() - 1) {
      return new Pair(canonical(p.substring(0, slash)), canonical(p.substring(slash + 1)));
    }
    if (p.length() == 8 && LEGACY.containsKey(p.substring(4)) && p.substring(4).length() == 4) {
      return new Pair(canonical(p.substring(0, 4)), canonical(p.substring(4)));
    }
    for (String quote : QUOTE_SUFFIXES) {
      if (p.length() > quote.length() && p.endsWith(quote)) {
        return new Pair(canonical(p.substring(0, p.length() - quote.length())), canonical(quote));
      }
    }
    return null;
  }

  /** The canonical code of a Kraken asset code. */
  public static String canonical(String code) {
    String c = code.strip().toUpperCase(Locale.ROOT);
    c = STAKED.matcher(c).replaceFirst("");
    return LEGACY.getOrDefault(c, c);
  }

  /** True for a staked or earn balance (DOT.S): its moves to and from spot are internal. */
  public static boolean staked(String code) {
    return STAKED.matcher(code.strip().toUpperCase(Locale.ROOT)).find();
  }
}
