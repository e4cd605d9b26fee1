package dev.ballast.api.http.auth;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.api.server.AdminToken;
import dev.ballast.engine.model.FieldError;
import dev.ballast.persistence.auth.UserRepository;
import dev.ballast.persistence.auth.UserRepository.AuthEvent;
import dev.ballast.persistence.auth.UserRepository.StoredRefresh;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/auth}: login with name and password (a JWT access token and a refresh token),
 * refresh (the refresh token is used up and a new pair given), logout, who am I, and the log of
 * authentication events. Failed logins are throttled per name and per client address.
 */
public final class AuthRoutes extends RouteSupport {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final UserRepository users;
  private final Authenticator authenticator;
  private final Passwords passwords;
  private final AuthSettings settings;
  private final Throttle failedLogins;
  private final RouteGuard guard;
  private final Clock clock;

  public AuthRoutes(ApiContext context, UserRepository users, Authenticator authenticator, Passwords passwords, AuthSettings settings,
      RouteGuard guard, Clock clock) {
    super(context);
    this.users = users;
    this.authenticator = authenticator;
    this.passwords = passwords;
    this.settings = settings;
    this.guard = guard;
    this.clock = clock;
    this.failedLogins = new Throttle(clock, settings.loginFailures(), settings.loginWindow());
  }

  /** Under {@code /api/auth}; {@code principal} is null on the public routes. */
  /**
   * {@code POST /api/auth/bootstrap {name, password}} with the bootstrap admin token, while no user
   * exists: makes the first admin, and the bootstrap token becomes that admin's personal API token.
   */
  private Route bootstrap(Principal caller, String header, AuthRequests.Login body) {
    List<FieldError> errors = new ArrayList<>();
    if (body.name() == null) {
      errors.add(new FieldError(0, "name", "is required"));
    }
    dev.ballast.engine.model.InputLimits.text(0, "name", body.name(), dev.ballast.engine.model.InputLimits.USER_NAME, errors);
    UserRoutes.password(body.password(), errors);
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    String hash = AdminToken.hash(header.substring("Bearer ".length()).trim());
    return completeBlocking(() -> {
      if (users.count() > 0) {
        return problem(Problem.conflict("users exist already: add users with POST /api/users"));
      }
      if (caller.kind() != Principal.Kind.API_TOKEN || !caller.name().equals("admin")) {
        return problem(Problem.http(403, "Forbidden", "the first admin is made with the bootstrap admin token (DATA/admin.token)"));
      }
      Instant now = clock.instant();
      boolean made = users.bootstrap(new UserRepository.StoredUser(body.name(), Role.ADMIN.name(), passwords.hash(body.password()), now, now),
          "admin", dev.ballast.persistence.auth.PersonalTokenRepository.ROLE,
          new AuthEvent(0, now, "first-admin", body.name(), "admin token", "the bootstrap token is now " + body.name() + "'s"));
      if (!made) {
        return problem(Problem.conflict("users exist already (or the bootstrap token is someone's): add users with POST /api/users"));
      }
      authenticator.forgetApiToken(hash);
      return json(201, Map.of("name", body.name(), "role", "admin", "token", "the bootstrap token is now " + body.name() + "'s personal token"));
    });
  }

  /** The failed-login throttle (its counters go to /metrics). */
  public Throttle failedLogins() {
    return failedLogins;
  }

  public Route route(Principal principal) {
    return concat(
        path("login", () -> post(() -> extractClientIP(ip -> body(AuthRequests.Login.class, b -> login(b, RouteGuard.client(ip)))))),
        path("refresh", () -> post(() -> body(AuthRequests.Refresh.class, this::refresh))),
        path("logout", () -> post(() -> body(AuthRequests.Refresh.class, this::logout))),
        path("bootstrap", () -> post(() -> headerValueByName("Authorization", header -> body(AuthRequests.Login.class,
            b -> bootstrap(principal, header, b))))),
        path("me", () -> get(() -> complete(json(200, Map.of("name", principal.name(), "role", principal.role().name().toLowerCase(),
            "kind", principal.kind().name().toLowerCase()))))),
        path("events", () -> get(() -> parameterOptional("limit", limit -> parameterOptional("offset", offset ->
            parameterOptional("from", from -> parameterOptional("to", to -> {
          int n;
          try {
            n = limit.map(Integer::parseInt).orElse(100);
          } catch (NumberFormatException e) {
            n = -1;
          }
          List<FieldError> errors = new ArrayList<>();
          if (n < 1 || n > 1000) {
            errors.add(new FieldError(0, "limit", "expected a whole number from 1 to 1000, got \"" + limit.orElse("") + "\""));
          }
          // offset, from and to as every list reads them (from inclusive, to exclusive)
          var range = dev.ballast.api.http.orders.ListParams.parse(offset, Optional.empty(), from, to, errors);
          if (!errors.isEmpty()) {
            return refused(errors);
          }
          int chosen = n;
          return completeBlocking(() -> {
            var page = users.events(range.from(), range.to(), range.offset(), chosen);
            return json(200, page.items()).addHeader(org.apache.pekko.http.javadsl.model.headers.RawHeader.create(
                dev.ballast.api.http.accounts.ListPaging.TOTAL_HEADER, Long.toString(page.total())));
          });
        })))))));
  }

  private Route login(AuthRequests.Login body, String client) {
    List<FieldError> errors = new ArrayList<>();
    if (body.name() == null) {
      errors.add(new FieldError(0, "name", "is required"));
    }
    if (body.password() == null) {
      errors.add(new FieldError(0, "password", "is required"));
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    String name = body.name().trim();
    Optional<Duration> wait = failedLogins.refusedFor("name:" + name).or(() -> failedLogins.refusedFor("client:" + client));
    if (wait.isPresent()) {
      return complete(guard.tooManyRequests(wait.get(), "too many failed logins for this name or from this address"));
    }
    return completeBlocking(() -> {
      Instant now = clock.instant();
      var user = name.length() <= 64 ? users.find(name) : Optional.<UserRepository.StoredUser>empty();
      boolean ok;
      if (user.isPresent()) {
        ok = body.password().length() <= 200 && passwords.matches(body.password(), user.get().passwordHash());
      } else {
        passwords.burn(body.password().length() <= 200 ? body.password() : "");
        ok = false;
      }
      if (!ok) {
        failedLogins.failed("name:" + name);
        failedLogins.failed("client:" + client);
        users.log(new AuthEvent(0, now, "login-failed", clip(name), clip(name), "from " + client));
        return problem(new Problem("https://ballast.dev/problems/login-failed", "Login failed", 401, "wrong name or password", List.of()));
      }
      users.log(new AuthEvent(0, now, "login", name, name, "from " + client));
      return json(200, tokens(name, Role.parse(user.get().role())));
    });
  }

  private Route refresh(AuthRequests.Refresh body) {
    if (body.refreshToken() == null) {
      return refused(List.of(new FieldError(0, "refreshToken", "is required")));
    }
    return completeBlocking(() -> {
      Instant now = clock.instant();
      Optional<StoredRefresh> taken = users.takeRefresh(AdminToken.hash(body.refreshToken()));
      var user = taken.filter(r -> now.isBefore(r.expiresAt())).flatMap(r -> users.find(r.userName()));
      if (user.isEmpty()) {
        return problem(Problem.http(401, "Unauthorized", "the refresh token is unknown, used or expired: log in again"));
      }
      users.log(new AuthEvent(0, now, "token-refreshed", user.get().name(), user.get().name(), ""));
      return json(200, tokens(user.get().name(), Role.parse(user.get().role())));
    });
  }

  private Route logout(AuthRequests.Refresh body) {
    if (body.refreshToken() == null) {
      return refused(List.of(new FieldError(0, "refreshToken", "is required")));
    }
    return completeBlocking(() -> {
      Optional<StoredRefresh> taken = users.takeRefresh(AdminToken.hash(body.refreshToken()));
      taken.ifPresent(r -> users.log(new AuthEvent(0, clock.instant(), "logout", r.userName(), r.userName(), "")));
      return json(200, Map.of("loggedOut", taken.isPresent()));
    });
  }

  private Map<String, Object> tokens(String name, Role role) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String refresh = "blr_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    users.saveRefresh(new StoredRefresh(AdminToken.hash(refresh), name, clock.instant().plus(settings.refreshTtl())));
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("accessToken", authenticator.accessTokens().issue(name, role));
    reply.put("tokenType", "Bearer");
    reply.put("expiresIn", authenticator.accessTokens().ttl().toSeconds());
    reply.put("refreshToken", refresh);
    reply.put("name", name);
    reply.put("role", role.name().toLowerCase());
    return reply;
  }

  private static String clip(String name) {
    return name.length() > 64 ? name.substring(0, 64) : name;
  }
}
