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

  private KrakenAssets() {}

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
