package dev.ballast.api.http.auth;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.persistence.auth.UserRepository;
import dev.ballast.persistence.auth.UserRepository.AuthEvent;
import dev.ballast.persistence.auth.UserRepository.StoredUser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /api/users}: an admin adds, lists and removes users and sets their password or role. */
public final class UserRoutes extends RouteSupport {
  private final UserRepository users;
  private final Authenticator authenticator;
  private final Passwords passwords;
  private final Clock clock;

  public UserRoutes(ApiContext context, UserRepository users, Authenticator authenticator, Passwords passwords, Clock clock) {
    super(context);
    this.users = users;
    this.authenticator = authenticator;
    this.passwords = passwords;
    this.clock = clock;
  }

  /** Under {@code /api/users}; the route table lets only admins here. */
  public Route route(Principal actor) {
    return concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> completeBlocking(() -> json(200, users.all().stream().map(UserRoutes::view).toList()))),
            post(() -> body(AuthRequests.NewUser.class, b -> add(actor, b))))),
        pathPrefix(PathMatchers.segment(), name -> concat(
            pathEnd(() -> delete(() -> completeBlocking(() -> {
              boolean removed = users.remove(name, new AuthEvent(0, clock.instant(), "user-removed", name, actor.name(), ""));
              authenticator.forgetUser(name);
              return removed ? json(200, Map.of("removed", name)) : problem(Problem.notFound("no user \"" + name + "\""));
            }))),
            path("password", () -> put(() -> body(AuthRequests.NewPassword.class, b -> {
              List<FieldError> errors = new ArrayList<>();
              password(b.password(), errors);
              if (!errors.isEmpty()) {
                return refused(errors);
              }
              return completeBlocking(() -> {
                Instant now = clock.instant();
                boolean changed = users.changePassword(name, passwords.hash(b.password()), now,
                    new AuthEvent(0, now, "password-changed", name, actor.name(), "sessions ended"));
                authenticator.forgetUser(name);
                return changed ? json(200, Map.of("changed", name)) : problem(Problem.notFound("no user \"" + name + "\""));
              });
            }))),
            path("role", () -> put(() -> body(AuthRequests.NewRole.class, b -> {
              Role role;
              try {
                role = Role.parse(b.role());
              } catch (IllegalArgumentException e) {
                return refused(List.of(new FieldError(0, "role", e.getMessage())));
              }
              return completeBlocking(() -> {
                Instant now = clock.instant();
                boolean changed = users.changeRole(name, role.name(), now,
                    new AuthEvent(0, now, "role-changed", name, actor.name(), "to " + role.name().toLowerCase() + "; sessions ended"));
                authenticator.forgetUser(name);
                return changed ? json(200, Map.of("changed", name, "role", role.name().toLowerCase()))
                    : problem(Problem.notFound("no user \"" + name + "\""));
              });
            }))))));
  }

  private Route add(Principal actor, AuthRequests.NewUser body) {
    List<FieldError> errors = new ArrayList<>();
    if (body.name() == null) {
      errors.add(new FieldError(0, "name", "is required"));
    }
    InputLimits.text(0, "name", body.name(), InputLimits.USER_NAME, errors);
    password(body.password(), errors);
    Role role = null;
    if (body.role() == null) {
      errors.add(new FieldError(0, "role", "is required: admin, trader or viewer"));
    } else {
      try {
        role = Role.parse(body.role());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(0, "role", e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      return refused(errors);
    }
    Role chosen = role;
    return completeBlocking(() -> {
      Instant now = clock.instant();
      StoredUser user = new StoredUser(body.name(), chosen.name(), passwords.hash(body.password()), now, now);
      if (!users.add(user, new AuthEvent(0, now, "user-added", body.name(), actor.name(), "as " + chosen.name().toLowerCase()))) {
        return problem(Problem.conflict("a user \"" + body.name() + "\" exists"));
      }
      return json(201, view(user));
    });
  }

  static void password(String password, List<FieldError> errors) {
    if (password == null) {
      errors.add(new FieldError(0, "password", "is required"));
      return;
    }
    InputLimits.text(0, "password", password, InputLimits.PASSWORD, errors);
    if (password.length() < InputLimits.MIN_PASSWORD_LENGTH) {
      errors.add(new FieldError(0, "password", "has " + password.length() + " characters; at least " + InputLimits.MIN_PASSWORD_LENGTH));
    } else if (password.getBytes(StandardCharsets.UTF_8).length > InputLimits.PASSWORD.maxLength()) {
      errors.add(new FieldError(0, "password", "is longer than " + InputLimits.PASSWORD.maxLength() + " bytes in UTF-8 (bcrypt reads no more)"));
    }
  }

  private static Map<String, Object> view(StoredUser user) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", user.name());
    v.put("role", user.role().toLowerCase());
    v.put("createdAt", user.createdAt().toString());
    v.put("changedAt", user.changedAt().toString());
    return v;
  }
}
