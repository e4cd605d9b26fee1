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
  public static final Map<String, Set<String>> KINDS = Map.of(EsploraAccountAdapter.KIND, Set.of("baseUrl", "addresses"));

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
      String base = settings.get("baseUrl");
      if (base == null || !(base.startsWith("http://") || base.startsWith("https://"))) {
        problems.add("baseUrl: the Esplora server's API base, e.g. https://blockstream.info/api/");
      }
    }
    return problems;
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
        throw new AccountAdapterException(EsploraAccountAdapter.KIND,
            new AccountAdapterError.Malformed("extended public keys are not derived yet: give the addresses"));
      }
      return new EsploraAccountAdapter(http, URI.create(connection.settings().get("baseUrl")), list, pageSize);
    }
    throw new AccountAdapterException(connection.kind(), new AccountAdapterError.Malformed("this server has no adapter of kind " + connection.kind()));
  }
}
