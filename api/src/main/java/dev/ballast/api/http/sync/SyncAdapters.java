package dev.ballast.api.http.sync;

import dev.ballast.adapters.account.esplora.EsploraAccountAdapter;
import dev.ballast.engine.account.sync.AccountAdapter;
import dev.ballast.engine.account.sync.AccountAdapterError;
import dev.ballast.engine.account.sync.AccountAdapterException;
import dev.ballast.engine.account.sync.AccountAdapterFactory;
import dev.ballast.engine.account.sync.SyncState;
import dev.ballast.persistence.vault.AccountSecret;
import dev.ballast.persistence.vault.SecretVault;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The adapter of a connection's kind, made with the account's secret from the vault at each sync
 * (so a replaced key takes effect at the next sync). The kinds this server can sync.
 */
public final class SyncAdapters implements AccountAdapterFactory {
  /** The kinds and the settings each takes. */
  public static final Map<String, Set<String>> KINDS = Map.of(EsploraAccountAdapter.KIND, Set.of("baseUrl", "addresses", "confirmations"),
      dev.ballast.adapters.account.binance.BinanceAccountAdapter.KIND, Set.of("baseUrl", "pairs", "transfers", "rateLimit"),
      dev.ballast.adapters.account.ethereum.EthereumAccountAdapter.KIND, Set.of("nodeUrl", "address", "tokens"),
      dev.ballast.adapters.account.kraken.KrakenAccountAdapter.KIND, Set.of("baseUrl", "history", "rateLimit"),
      dev.ballast.adapters.account.coinbase.CoinbaseAccountAdapter.KIND, Set.of("baseUrl", "transfers", "rateLimit"),
      dev.ballast.adapters.account.ibkrflex.IbkrFlexAccountAdapter.KIND, Set.of("baseUrl", "queryId", "zone", "rateLimit"));
  static final String BINANCE_URL = "https://api.binance.com/";
  static final String KRAKEN_URL = "https://api.kraken.com/";
  static final String COINBASE_URL = "https://api.coinbase.com/";

  private final SecretVault vault;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final int pageSize;

  public SyncAdapters(SecretVault vault, int pageSize) {
    this.vault = vault;
    this.pageSize = pageSize;
  }

  /** The settings' problems, empty when the kind can use them. */
  public static List<String> check(String kind, Map<String, String> settings) {
    Set<String> known = KINDS.get(kind);
    if (known == null) {
      return List.of("unknown kind \"" + kind + "\"; the kinds are " + new java.util.TreeSet<>(KINDS.keySet()));
    }
    List<String> problems = new java.util.ArrayList<>();
    settings.keySet().stream().filter(k -> !known.contains(k)).sorted().forEach(k -> problems.add("unknown setting " + k + " of " + kind));
    if (kind.equals(EsploraAccountAdapter.KIND)) {
      url(settings, "baseUrl", true, "the Esplora server's API base, e.g. https://blockstream.info/api/", problems);
      if (settings.containsKey("confirmations")) {
        try {
          confirmations(settings);
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }
    }
    if (kind.equals(dev.ballast.adapters.account.binance.BinanceAccountAdapter.KIND)) {
      try {
        pairs(settings.get("pairs"));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (kind.equals(dev.ballast.adapters.account.ethereum.EthereumAccountAdapter.KIND)) {
      url(settings, "nodeUrl", true, "the JSON-RPC URL of an Ethereum node", problems);
      try {
        dev.ballast.adapters.account.ethereum.EthereumMapping.balanceOfData(String.valueOf(settings.get("address")));
        tokens(settings.get("tokens"));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (kind.equals(dev.ballast.adapters.account.kraken.KrakenAccountAdapter.KIND)
        || kind.equals(dev.ballast.adapters.account.coinbase.CoinbaseAccountAdapter.KIND)
        || kind.equals(dev.ballast.adapters.account.binance.BinanceAccountAdapter.KIND)) {
      url(settings, "baseUrl", false, "the venue's API base URL (left out: the venue's own)", problems);
    }
    if (kind.equals(dev.ballast.adapters.account.kraken.KrakenAccountAdapter.KIND)) {
      try {
        dev.ballast.adapters.account.kraken.KrakenAccountAdapter.History.parse(settings.get("history"));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if ((kind.equals(dev.ballast.adapters.account.coinbase.CoinbaseAccountAdapter.KIND)
        || kind.equals(dev.ballast.adapters.account.binance.BinanceAccountAdapter.KIND)) && settings.containsKey("transfers")
        && !Set.of("true", "false").contains(settings.get("transfers"))) {
      problems.add("transfers: true (read deposits, withdrawals and rewards as well; the default) or false (trades only)");
    }
    if (kind.equals(dev.ballast.adapters.account.ibkrflex.IbkrFlexAccountAdapter.KIND)) {
      if (settings.get("queryId") == null || !settings.get("queryId").matches("[0-9]{1,20}")) {
        problems.add("queryId: the Flex query's number (Reports > Flex Queries); the Flex token goes in the vault (secrets set ACCOUNT --venue-token -)");
      }
      if (settings.containsKey("zone")) {
        try {
          java.time.ZoneId.of(settings.get("zone"));
        } catch (java.time.DateTimeException e) {
          problems.add("zone: \"" + settings.get("zone") + "\" is not a time zone (the Flex query's, e.g. America/New_York)");
        }
      }
      url(settings, "baseUrl", false, "the Flex Web Service's base URL (left out: IBKR's own)", problems);
    }
    if (settings.containsKey("rateLimit")) {
      try {
        dev.ballast.adapters.account.VenueThrottle.Limit.parse(settings.get("rateLimit"));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    return problems;
  }

  /**
   * A URL setting: an absolute http or https URL with a host (and no spaces, user info or fragment),
   * else a problem naming the field and what it was given.
   */
  static void url(Map<String, String> settings, String field, boolean required, String what, List<String> problems) {
    String value = settings.get(field);
    if (value == null || value.isBlank()) {
      if (required) {
        problems.add(field + ": missing; " + what);
      }
      return;
    }
    String why = null;
    try {
      URI uri = new URI(value.trim());
      if (!uri.isAbsolute() || uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))) {
        why = "not an absolute http(s) URL";
      } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
        why = "no host";
      } else if (uri.getRawUserInfo() != null) {
        why = "user info in the URL (a key goes in the vault)";
      } else if (uri.getRawFragment() != null) {
        why = "a fragment (#...) is not part of an API base";
      } else if (uri.getRawQuery() != null && field.equals("baseUrl")) {
        why = "a base URL has no query";
      }
    } catch (java.net.URISyntaxException e) {
      why = "not a URL (" + e.getReason() + " at index " + e.getIndex() + ")";
    }
    if (why != null) {
      String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
      problems.add(field + ": \"" + shown + "\" is refused (" + why + "); " + what);
    }
  }

  /** {@code confirmations}: the depth a Bitcoin transaction needs before it is recorded, 1 to 1000 (default 6). */
  static int confirmations(Map<String, String> settings) {
    String value = settings.get("confirmations");
    if (value == null || value.isBlank()) {
      return EsploraAccountAdapter.DEFAULT_CONFIRMATIONS;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= 1000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException("confirmations: \"" + value + "\" is not a number of blocks from 1 to 1000 (a transaction is recorded once"
        + " it has that many; default " + EsploraAccountAdapter.DEFAULT_CONFIRMATIONS + ")");
  }

  /** {@code USDC=0xa0b8...,USDT=0xdac1...}: the ERC-20 tokens read, by asset. */
  static Map<dev.ballast.engine.model.AssetId, String> tokens(String text) {
    Map<dev.ballast.engine.model.AssetId, String> out = new java.util.LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String entry : text.split(",")) {
      String[] parts = entry.trim().split("=");
      if (parts.length != 2) {
        throw new IllegalArgumentException("tokens: \"" + entry.trim() + "\" is not ASSET=CONTRACT");
      }
      dev.ballast.adapters.account.ethereum.EthereumMapping.balanceOfData(parts[1].trim());
      out.put(dev.ballast.engine.model.AssetId.of(parts[0].trim()), parts[1].trim());
    }
    return out;
  }

  /** {@code BTC/USDT,ETH/BTC}: the pairs whose trades are read; {@code auto}: none named, found from what is held (an empty list). */
  static List<dev.ballast.adapters.binance.BinanceAccountMapping.Pair> pairs(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("pairs: the traded pairs as BASE/QUOTE, comma-separated (BTC/USDT,ETH/BTC), or auto");
    }
    if (text.trim().equalsIgnoreCase("auto")) {
      return List.of();
    }
    List<dev.ballast.adapters.binance.BinanceAccountMapping.Pair> out = new java.util.ArrayList<>();
    for (String p : text.split(",")) {
      String[] parts = p.trim().toUpperCase(java.util.Locale.ROOT).split("/");
      if (parts.length != 2 || !parts[0].matches("[A-Z0-9]{1,20}") || !parts[1].matches("[A-Z0-9]{1,20}")) {
        throw new IllegalArgumentException("pairs: \"" + p.trim() + "\" is not BASE/QUOTE (BTC/USDT)");
      }
      out.add(new dev.ballast.adapters.binance.BinanceAccountMapping.Pair(parts[0], parts[1]));
    }
    return out;
  }

  @Override
  public AccountAdapter open(SyncState connection) {
    if (connection.kind().equals(EsploraAccountAdapter.KIND)) {
      String addresses = connection.settings().get("addresses");
      if (addresses == null || addresses.isBlank()) {
        // addresses may be kept in the vault instead, as the xpub field's comma-separated list
        addresses = vault.open(connection.account().value()).flatMap(s -> s.get(AccountSecret.XPUB)).orElse(null);
      }
      if (addresses == null || addresses.isBlank()) {
        throw new AccountAdapterException(EsploraAccountAdapter.KIND, new AccountAdapterError.Malformed("no addresses set"));
      }
      List<String> list = Arrays.stream(addresses.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
      if (list.stream().anyMatch(a -> a.startsWith("xpub") || a.startsWith("ypub") || a.startsWith("zpub"))) {
        if (list.size() != 1) {
          throw new AccountAdapterException(EsploraAccountAdapter.KIND,
              new AccountAdapterError.Malformed("give one extended public key, or addresses, not both"));
        }
        dev.ballast.adapters.bitcoin.ExtendedPublicKey key;
        try {
          key = dev.ballast.adapters.bitcoin.ExtendedPublicKey.parse(list.get(0));
        } catch (IllegalArgumentException e) {
          throw new AccountAdapterException(EsploraAccountAdapter.KIND, new AccountAdapterError.Malformed("the extended public key: " + e.getMessage()));
        }
        return new dev.ballast.adapters.account.esplora.EsploraXpubWallet(http, URI.create(connection.settings().get("baseUrl")), key, pageSize,
            confirmations(connection.settings()));
      }
      return new EsploraAccountAdapter(http, URI.create(connection.settings().get("baseUrl")), list, pageSize, confirmations(connection.settings()));
    }
    if (connection.kind().equals(dev.ballast.adapters.account.binance.BinanceAccountAdapter.KIND)) {
      String kind = connection.kind();
      AccountSecret secret = vault.open(connection.account().value()).orElseThrow(() -> new AccountAdapterException(kind,
          new AccountAdapterError.AuthenticationFailed("no secret set for " + connection.account().value() + " (ballast secrets set)")));
      if (secret.get(AccountSecret.API_KEY).isEmpty() || secret.get(AccountSecret.API_SECRET).isEmpty()) {
        throw new AccountAdapterException(kind, new AccountAdapterError.AuthenticationFailed("the secret needs apiKey and apiSecret"));
      }
      return new dev.ballast.adapters.account.binance.BinanceAccountAdapter(http,
          URI.create(connection.settings().getOrDefault("baseUrl", BINANCE_URL)), secret.get(AccountSecret.API_KEY).get(),
          secret.get(AccountSecret.API_SECRET).get(), pairs(connection.settings().get("pairs")), Math.min(1000, Math.max(2, pageSize)),
          java.time.Clock.systemUTC(), !"false".equals(connection.settings().get("transfers")),
          throttle(connection, secret, dev.ballast.adapters.account.binance.BinanceAccountAdapter.PUBLISHED_LIMIT));
    }
    if (connection.kind().equals(dev.ballast.adapters.account.ethereum.EthereumAccountAdapter.KIND)) {
      try {
        return new dev.ballast.adapters.account.ethereum.EthereumAccountAdapter(http, URI.create(connection.settings().get("nodeUrl")),
            connection.settings().get("address"), tokens(connection.settings().get("tokens")));
      } catch (IllegalArgumentException e) {
        throw new AccountAdapterException(connection.kind(), new AccountAdapterError.Malformed(e.getMessage()));
      }
    }
    if (connection.kind().equals(dev.ballast.adapters.account.kraken.KrakenAccountAdapter.KIND)) {
      AccountSecret secret = keyAndSecret(connection, "apiKey and apiSecret (the base64 private key)");
      try {
        return new dev.ballast.adapters.account.kraken.KrakenAccountAdapter(http, URI.create(connection.settings().getOrDefault("baseUrl", KRAKEN_URL)),
            secret.get(AccountSecret.API_KEY).get(), secret.get(AccountSecret.API_SECRET).get(),
            dev.ballast.adapters.account.kraken.KrakenAccountAdapter.History.parse(connection.settings().get("history")),
            throttle(connection, secret, dev.ballast.adapters.account.kraken.KrakenAccountAdapter.STARTER_LIMIT));
      } catch (IllegalArgumentException e) {
        throw new AccountAdapterException(connection.kind(), new AccountAdapterError.Malformed(e.getMessage()));
      }
    }
    if (connection.kind().equals(dev.ballast.adapters.account.coinbase.CoinbaseAccountAdapter.KIND)) {
      AccountSecret secret = keyAndSecret(connection, "apiKey (the CDP key name) and apiSecret (its EC private key PEM)");
      return new dev.ballast.adapters.account.coinbase.CoinbaseAccountAdapter(http,
          URI.create(connection.settings().getOrDefault("baseUrl", COINBASE_URL)), secret.get(AccountSecret.API_KEY).get(),
          secret.get(AccountSecret.API_SECRET).get(), Math.min(250, Math.max(1, pageSize)), java.time.Clock.systemUTC(),
          !"false".equals(connection.settings().get("transfers")),
          throttle(connection, secret, dev.ballast.adapters.account.coinbase.CoinbaseAccountAdapter.PUBLISHED_LIMIT));
    }
    if (connection.kind().equals(dev.ballast.adapters.account.ibkrflex.IbkrFlexAccountAdapter.KIND)) {
      String kind = connection.kind();
      AccountSecret secret = vault.open(connection.account().value()).orElseThrow(() -> new AccountAdapterException(kind,
          new AccountAdapterError.AuthenticationFailed("no secret set for " + connection.account().value() + " (ballast secrets set --venue-token)")));
      String token = secret.get(AccountSecret.TOKEN).orElseThrow(() -> new AccountAdapterException(kind,
          new AccountAdapterError.AuthenticationFailed("the secret needs the Flex token (token)")));
      try {
        String setting = connection.settings().get("rateLimit");
        dev.ballast.adapters.account.VenueThrottle throttle = dev.ballast.adapters.account.VenueThrottle.shared(kind, token,
            setting == null ? dev.ballast.adapters.account.ibkrflex.IbkrFlexAccountAdapter.PUBLISHED_LIMIT
                : dev.ballast.adapters.account.VenueThrottle.Limit.parse(setting));
        return new dev.ballast.adapters.account.ibkrflex.IbkrFlexAccountAdapter(http,
            URI.create(connection.settings().getOrDefault("baseUrl", dev.ballast.adapters.account.ibkrflex.IbkrFlexAccountAdapter.DEFAULT_URL)), token,
            connection.settings().get("queryId"),
            new dev.ballast.adapters.statement.ibkr.IbkrFlexImporter(java.time.ZoneId.of(connection.settings().getOrDefault("zone", "America/New_York"))),
            Duration.ofSeconds(5), 24, throttle);
      } catch (IllegalArgumentException | java.time.DateTimeException e) {
        throw new AccountAdapterException(kind, new AccountAdapterError.Malformed(e.getMessage()));
      }
    }
    throw new AccountAdapterException(connection.kind(), new AccountAdapterError.Malformed("this server has no adapter of kind " + connection.kind()));
  }

  /** The key's throttle for the whole process: the {@code rateLimit} setting, else the venue's published limit. */
  static dev.ballast.adapters.account.VenueThrottle throttle(SyncState connection, AccountSecret secret,
      dev.ballast.adapters.account.VenueThrottle.Limit published) {
    String setting = connection.settings().get("rateLimit");
    dev.ballast.adapters.account.VenueThrottle.Limit limit = setting == null ? published : dev.ballast.adapters.account.VenueThrottle.Limit.parse(setting);
    return dev.ballast.adapters.account.VenueThrottle.shared(connection.kind(), secret.get(AccountSecret.API_KEY).orElse(connection.account().value()), limit);
  }

  /** The account's secret with both the API key and its secret set; else the credentials are wrong (not a transient failure). */
  private AccountSecret keyAndSecret(SyncState connection, String needs) {
    String kind = connection.kind();
    AccountSecret secret = vault.open(connection.account().value()).orElseThrow(() -> new AccountAdapterException(kind,
        new AccountAdapterError.AuthenticationFailed("no secret set for " + connection.account().value() + " (ballast secrets set)")));
    if (secret.get(AccountSecret.API_KEY).isEmpty() || secret.get(AccountSecret.API_SECRET).isEmpty()) {
      throw new AccountAdapterException(kind, new AccountAdapterError.AuthenticationFailed("the secret needs " + needs));
    }
    return secret;
  }
}
