package dev.ballast.engine.marketdata;

import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetClass;
import dev.ballast.engine.model.AssetId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which source prices an asset, under which of its identifiers: an asset's own identifiers
 * ({@code yahoo}, {@code coingecko}, {@code binance}) first, then the default mapping of common
 * crypto. An asset with neither has no source, and is reported so rather than priced at zero.
 */
public final class AssetSources {
  public static final String YAHOO = "yahoo";
  public static final String COINGECKO = "coingecko";
  public static final String BINANCE = "binance";

  /** The identifier keys, in the order sources are preferred. */
  public static final List<String> KEYS = List.of(YAHOO, COINGECKO, BINANCE);

  /** CoinGecko coin ids of the common crypto assets. */
  static final Map<String, String> COINGECKO_IDS = Map.ofEntries(
      Map.entry("BTC", "bitcoin"), Map.entry("ETH", "ethereum"), Map.entry("SOL", "solana"), Map.entry("XRP", "ripple"),
      Map.entry("BNB", "binancecoin"), Map.entry("ADA", "cardano"), Map.entry("DOGE", "dogecoin"),
      Map.entry("USDT", "tether"), Map.entry("USDC", "usd-coin"), Map.entry("DOT", "polkadot"),
      Map.entry("LTC", "litecoin"), Map.entry("AVAX", "avalanche-2"), Map.entry("LINK", "chainlink"),
      Map.entry("TRX", "tron"), Map.entry("MATIC", "matic-network"), Map.entry("BCH", "bitcoin-cash"));

  private AssetSources() {}

  /** Where one asset is priced: a source and the asset's identifier there. */
  public record SourceRef(String source, String identifier) {}

  /** Every source that can price {@code asset}, preferred first; empty when none can. */
  public static List<SourceRef> of(Asset asset) {
    List<SourceRef> out = new ArrayList<>();
    for (String key : KEYS) {
      identifier(asset, key).ifPresent(id -> out.add(new SourceRef(key, id)));
    }
    return List.copyOf(out);
  }

  /** The asset's identifier at one source: its own mapping, else the default one. */
  public static Optional<String> identifier(Asset asset, String source) {
    String own = asset.identifiers().get(source);
    if (own != null && !own.isBlank()) {
      return Optional.of(own);
    }
    boolean crypto = asset.assetClass() == AssetClass.CRYPTO || asset.assetClass() == AssetClass.STABLECOIN;
    if (!crypto) {
      return Optional.empty();
    }
    return switch (source) {
      case COINGECKO -> Optional.ofNullable(COINGECKO_IDS.get(asset.id().value()));
      // Binance names a base asset by its ticker; the pair symbol is base + quote (BTCUSDT)
      case BINANCE -> COINGECKO_IDS.containsKey(asset.id().value()) ? Optional.of(asset.id().value()) : Optional.empty();
      default -> Optional.empty();
    };
  }

  /** The Yahoo symbol of a currency pair: USD/JPY is {@code USDJPY=X}. */
  public static String yahooFxSymbol(AssetId base, AssetId quote) {
    return base.value() + quote.value() + "=X";
  }
}
