package dev.ballast.api.http.auth;

import dev.ballast.api.http.TokenCache;
import dev.ballast.api.server.AdminToken;
import dev.ballast.persistence.auth.ApiTokenRepository;
import dev.ballast.persistence.auth.PersonalTokenRepository;
import dev.ballast.persistence.auth.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Turns a bearer token into who sent it: a JWT access token of a user who still exists (with the
 * role the user has now), or an API token found by its hash: the bootstrap admin token, or a
 * user's personal token, which acts with its owner's role of the moment. Answers from memory when
 * it can: API tokens for {@code token-cache-ttl}, users until this server changes or removes them.
 * An API token's last use is written at most once a minute.
 */
public final class Authenticator {
  private final AccessTokens accessTokens;
  private final UserRepository users;
  private final ApiTokenRepository apiTokens;
  private final TokenCache tokenCache;
  private final Executor blocking;
  private final PersonalTokenRepository personal;
  private final Clock clock;
  private final Map<String, Instant> lastTouched = new ConcurrentHashMap<>();
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
  private final Map<String, Principal> apiTokenPrincipals = new ConcurrentHashMap<>();
  private final Map<String, Role> userRoles = new ConcurrentHashMap<>();

  public Authenticator(AccessTokens accessTokens, UserRepository users, ApiTokenRepository apiTokens, PersonalTokenRepository personal,
      TokenCache tokenCache, Executor blocking, Clock clock) {
    this.personal = personal;
    this.clock = clock;
    this.accessTokens = accessTokens;
    this.users = users;
    this.apiTokens = apiTokens;
    this.tokenCache = tokenCache;
    this.blocking = blocking;
  }

  public AccessTokens accessTokens() {
    return accessTokens;
  }

  public CompletionStage<Optional<Principal>> authenticate(String token) {
    if (token == null || token.isBlank() || token.length() > 4096) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    if (AccessTokens.looksLikeJwt(token)) {
      Optional<Principal> claimed = accessTokens.verify(token);
      if (claimed.isEmpty()) {
        return CompletableFuture.completedFuture(Optional.empty());
      }
      String name = claimed.get().name();
      Role known = userRoles.get(name);
      if (known != null) {
        return CompletableFuture.completedFuture(Optional.of(new Principal(name, known, Principal.Kind.USER)));
      }
      return CompletableFuture.supplyAsync(() -> users.find(name).map(u -> {
        Role role = Role.parse(u.role());
        userRoles.put(name, role);
        return new Principal(name, role, Principal.Kind.USER);
      }), blocking);
    }
    String hash = AdminToken.hash(token);
    Principal cached = apiTokenPrincipals.get(hash);
    if (cached != null && tokenCache.isConfirmed(hash)) {
      touch(hash);
      return CompletableFuture.completedFuture(Optional.of(cached));
    }
    return CompletableFuture.supplyAsync(() -> apiTokens.findByHash(hash).flatMap(stored -> {
      Optional<Principal> p = stored.role().equals(PersonalTokenRepository.ROLE)
          ? personal.ownerOf(hash).flatMap(users::find).map(u -> new Principal(u.name(), Role.parse(u.role()), Principal.Kind.API_TOKEN))
          : Optional.of(new Principal(stored.name(), apiTokenRole(stored.role()), Principal.Kind.API_TOKEN));
      p.ifPresent(found -> {
        apiTokenPrincipals.put(hash, found);
        tokenCache.confirm(hash);
        touch(hash);
      });
      return p;
    }), blocking).thenApply(found -> {
      if (found.isEmpty()) {
        tokenCache.invalidate(hash);
        apiTokenPrincipals.remove(hash);
      }
      return found;
    });
  }

  /** Whether a token is good for anything (the WebSocket asks only this). */
  public CompletionStage<Boolean> valid(String token) {
    return authenticate(token).thenApply(Optional::isPresent);
  }

  /** Forgets what is remembered of a user and their personal tokens, after a change or removal. */
  public void forgetUser(String name) {
    userRoles.remove(name);
    apiTokenPrincipals.entrySet().removeIf(e -> e.getValue().name().equals(name));
  }

  /** Forgets one API token at once, when it is revoked. */
  public void forgetApiToken(String hash) {
    apiTokenPrincipals.remove(hash);
    tokenCache.invalidate(hash);
  }

  private void touch(String hash) {
    Instant now = clock.instant();
    Instant last = lastTouched.get(hash);
    if (last != null && Duration.between(last, now).compareTo(TOUCH_EVERY) < 0) {
      return;
    }
    lastTouched.put(hash, now);
    CompletableFuture.runAsync(() -> personal.touched(hash, now), blocking);
  }

  // api_tokens has held "admin" since the first release; "READER" was the name of a read-only token
  private static Role apiTokenRole(String stored) {
    return switch (stored.toLowerCase(Locale.ROOT)) {
      case "admin" -> Role.ADMIN;
      case "trader" -> Role.TRADER;
      default -> Role.VIEWER;
    };
  }
}
