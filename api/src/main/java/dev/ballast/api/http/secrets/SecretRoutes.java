package dev.ballast.api.http.secrets;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.api.http.auth.Principal;
import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.FieldError;
import dev.ballast.persistence.vault.AccountSecret;
import dev.ballast.persistence.vault.MasterKeyRotation;
import dev.ballast.persistence.vault.MasterKeySource;
import dev.ballast.persistence.vault.SecretVault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/secrets}: the accounts' API keys, secrets, tokens and xpubs, set or replaced, listed
 * masked (last four characters), deleted, and the master key rotated. No answer ever holds a value.
 */
public final class SecretRoutes extends RouteSupport {
  /** {@code PUT /api/secrets/{account}}: the fields to keep; a replacement drops fields it does not name. */
  public record SecretRequest(String apiKey, String apiSecret, String passphrase, String token, String xpub) {}

  private final SecretVault vault;
  private final MasterKeySource.Loaded keys;
  private final Clock clock;

  public SecretRoutes(ApiContext context, SecretVault vault, MasterKeySource.Loaded keys, Clock clock) {
    super(context);
    this.vault = vault;
    this.keys = keys;
    this.clock = clock;
  }

  public Route route(Principal caller) {
    return concat(
        pathEndOrSingleSlash(() -> get(() -> completeBlocking(() -> json(200, vault.list().stream().map(SecretRoutes::view).toList())))),
        path("events", () -> get(() -> listPaging(paging -> completeBlocking(() -> page(paging, vault.events(null), SecretVault.VaultEvent::at))))),
        path("rotate-master", () -> post(() -> completeBlocking(() -> rotate(caller)))),
        path(PathMatchers.segment(), raw -> pathId("account", raw, AccountId::of, account -> concat(
            put(() -> body(SecretRequest.class, b -> set(caller, account, b))),
            delete(() -> completeBlocking(() -> vault.delete(account.value(), caller.name(), clock.instant())
                ? json(200, Map.of("account", account.value(), "deleted", true))
                : problem(Problem.notFound("no secret of account " + account.value()))))))));
  }

  private Route set(Principal caller, AccountId account, SecretRequest body) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(AccountSecret.API_KEY, body.apiKey());
    fields.put(AccountSecret.API_SECRET, body.apiSecret());
    fields.put(AccountSecret.PASSPHRASE, body.passphrase());
    fields.put(AccountSecret.TOKEN, body.token());
    fields.put(AccountSecret.XPUB, body.xpub());
    AccountSecret secret;
    try {
      fields.values().removeIf(v -> v == null);
      secret = new AccountSecret(fields);
    } catch (IllegalArgumentException e) {
      // the message names fields and limits, never a value
      return refused(List.of(new FieldError(0, "secret", e.getMessage())));
    }
    return completeBlocking(() -> {
      SecretVault.SetOutcome outcome = vault.set(account.value(), secret, caller.name(), clock.instant());
      Map<String, Object> reply = new LinkedHashMap<>();
      reply.put("account", account.value());
      reply.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
      reply.put("fields", secret.masked());
      reply.put("keyVersion", vault.keyring().currentVersion());
      return json(outcome == SecretVault.SetOutcome.CREATED ? 201 : 200, reply);
    });
  }

  private org.apache.pekko.http.javadsl.model.HttpResponse rotate(Principal caller) {
    if (keys.kind() != MasterKeySource.Kind.KEY_FILE) {
      return problem(Problem.conflict("the master key comes from " + vault.keyring().origin() + ", which the server cannot change: give the new key as"
          + " the highest version and keep the old one beside it (" + MasterKeySource.KEY_ENV + "=2:NEW,1:OLD, or "
          + MasterKeySource.PASSPHRASE_VERSION_ENV + " and " + MasterKeySource.PREVIOUS_PASSPHRASE_ENV + "), restart, and the server re-seals"
          + " every secret at start; then drop the old one"));
    }
    try {
      MasterKeyRotation.Rotated rotated = MasterKeyRotation.rotateKeyFile(vault, keys.keyFile(), caller.name(), clock.instant());
      return json(200, rotated);
    } catch (IOException e) {
      throw new UncheckedIOException("the key file could not be rotated", e);
    }
  }

  private static Map<String, Object> view(SecretVault.Listed listed) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("account", listed.accountId());
    v.put("fields", listed.masked());
    v.put("keyVersion", listed.keyVersion());
    v.put("createdAt", listed.createdAt().toString());
    v.put("updatedAt", listed.updatedAt().toString());
    return v;
  }
}
