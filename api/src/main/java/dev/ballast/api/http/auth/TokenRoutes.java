package dev.ballast.api.http.auth;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.api.server.AdminToken;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.persistence.auth.PersonalTokenRepository;
import dev.ballast.persistence.auth.UserRepository.AuthEvent;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/tokens}: a signed-in user's personal API tokens for the CLI and scripts: made (the
 * plain token is shown once), listed with their last use, revoked. An admin sees and revokes
 * everyone's.
 */
public final class TokenRoutes extends RouteSupport {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final PersonalTokenRepository tokens;
  private final Authenticator authenticator;
  private final Clock clock;

  /** {@code POST /api/tokens}. */
  public record NewToken(String name) {}

  public TokenRoutes(ApiContext context, PersonalTokenRepository tokens, Authenticator authenticator, Clock clock) {
    super(context);
    this.tokens = tokens;
    this.authenticator = authenticator;
    this.clock = clock;
  }

  public Route route(Principal caller) {
    String scope = caller.role() == Role.ADMIN ? null : caller.name();
    return concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> completeBlocking(() -> json(200, tokens.list(scope).stream().map(TokenRoutes::view).toList()))),
            post(() -> body(NewToken.class, b -> create(caller, b))))),
        path(PathMatchers.segment(), id -> delete(() -> completeBlocking(() -> {
          Optional<String> hash = tokens.revoke(id, scope, new AuthEvent(0, clock.instant(), "token-revoked", caller.name(), caller.name(), id));
          hash.ifPresent(authenticator::forgetApiToken);
          return hash.isPresent() ? json(200, Map.of("revoked", id)) : problem(Problem.notFound("no token \"" + id + "\" of yours"));
        }))));
  }

  private Route create(Principal caller, NewToken body) {
    if (caller.kind() != Principal.Kind.USER) {
      return complete(problem(Problem.http(403, "Forbidden", "a personal token is made by a user who logged in, not with an API token")));
    }
    List<FieldError> errors = new ArrayList<>();
    if (body.name() == null) {
      errors.add(new FieldError(0, "name", "is required: what the token is for"));
    }
    InputLimits.text(0, "name", body.name(), InputLimits.TOKEN_NAME, errors);
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    return completeBlocking(() -> {
      byte[] secret = new byte[32];
      RANDOM.nextBytes(secret);
      String token = "blt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
      String id = "tok-" + UUID.randomUUID().toString().substring(0, 12);
      Instant now = clock.instant();
      tokens.create(id, body.name(), caller.name(), AdminToken.hash(token), now,
          new AuthEvent(0, now, "token-created", caller.name(), caller.name(), id + " " + body.name()));
      Map<String, Object> reply = new LinkedHashMap<>();
      reply.put("id", id);
      reply.put("name", body.name());
      reply.put("token", token);
      reply.put("note", "shown once: only its hash is kept");
      return json(201, reply);
    });
  }

  private static Map<String, Object> view(PersonalTokenRepository.PersonalToken t) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", t.tokenId());
    v.put("name", t.name());
    v.put("user", t.userName());
    v.put("createdAt", t.createdAt().toString());
    v.put("lastUsedAt", t.lastUsedAt() == null ? null : t.lastUsedAt().toString());
    return v;
  }
}
