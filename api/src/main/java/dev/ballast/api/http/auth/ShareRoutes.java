package dev.ballast.api.http.auth;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.model.FieldError;
import dev.ballast.persistence.auth.PortfolioAccessRepository;
import dev.ballast.persistence.auth.PortfolioAccessRepository.Level;
import dev.ballast.persistence.auth.UserRepository;
import dev.ballast.persistence.auth.UserRepository.AuthEvent;
import dev.ballast.persistence.query.BallastQueries;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/shares/{portfolio}}: who owns a portfolio and who may read it. An admin gives a
 * portfolio its first owner; after that its owners (and admins) share it read-only, add owners and
 * take access away. The route guard applies it to every route that names the portfolio or one of
 * its accounts.
 */
public final class ShareRoutes extends RouteSupport {
  private final PortfolioAccessRepository access;
  private final UserRepository users;
  private final BallastQueries queries;
  private final Clock clock;

  /** {@code PUT /api/shares/{portfolio}/{user}}: OWNER or READ. */
  public record ShareRequest(String access) {}

  public ShareRoutes(ApiContext context, PortfolioAccessRepository access, UserRepository users, BallastQueries queries, Clock clock) {
    super(context);
    this.access = access;
    this.users = users;
    this.queries = queries;
    this.clock = clock;
  }

  public Route route(Principal caller) {
    return pathPrefix(PathMatchers.segment(), portfolio -> concat(
        pathEnd(() -> get(() -> completeBlocking(() -> json(200, Map.of("portfolioId", portfolio, "grants", access.grants(portfolio)))))),
        path(PathMatchers.segment(), user -> concat(
            put(() -> body(ShareRequest.class, b -> completeBlocking(() -> grant(caller, portfolio, user, b)))),
            delete(() -> completeBlocking(() -> revoke(caller, portfolio, user)))))));
  }

  /**
   * A portfolio a trader or viewer creates is theirs: they become its owner, so it is not open to
   * every other user. One an admin creates stays without an owner until an admin gives it one.
   */
  public void created(Principal caller, String portfolio) {
    if (caller.role() == Role.ADMIN) {
      return;
    }
    access.grant(new PortfolioAccessRepository.Grant(portfolio, caller.name(), Level.OWNER, caller.name(), clock.instant()),
        new AuthEvent(0, clock.instant(), "portfolio-shared", caller.name(), caller.name(), portfolio + " " + Level.OWNER + " (created it)"));
  }

  private org.apache.pekko.http.javadsl.model.HttpResponse grant(Principal caller, String portfolio, String user, ShareRequest body) {
    Level level;
    try {
      level = body.access() == null ? null : Level.valueOf(body.access());
    } catch (IllegalArgumentException e) {
      level = null;
    }
    if (level != Level.OWNER && level != Level.READ) {
      return problem(Problem.invalid("access is OWNER or READ", List.of(new FieldError(0, "access", "OWNER or READ, got " + body.access()))));
    }
    var refused = mayChange(caller, portfolio);
    if (refused != null) {
      return refused;
    }
    if (users.find(user).isEmpty()) {
      return problem(Problem.notFound("no user \"" + user + "\""));
    }
    access.grant(new PortfolioAccessRepository.Grant(portfolio, user, level, caller.name(), clock.instant()),
        new AuthEvent(0, clock.instant(), "portfolio-shared", user, caller.name(), portfolio + " " + level));
    return json(200, Map.of("portfolioId", portfolio, "user", user, "access", level.name()));
  }

  private org.apache.pekko.http.javadsl.model.HttpResponse revoke(Principal caller, String portfolio, String user) {
    var refused = mayChange(caller, portfolio);
    if (refused != null) {
      return refused;
    }
    boolean removed = access.revoke(portfolio, user, new AuthEvent(0, clock.instant(), "portfolio-unshared", user, caller.name(), portfolio));
    return removed ? json(200, Map.of("portfolioId", portfolio, "user", user, "access", "NONE"))
        : problem(Problem.notFound(user + " has no access of its own to portfolio " + portfolio));
  }

  /** Null when the caller may change who has the portfolio, else the answer saying why not. */
  private org.apache.pekko.http.javadsl.model.HttpResponse mayChange(Principal caller, String portfolio) {
    if (queries.portfolio(portfolio).isEmpty()) {
      return problem(Problem.notFound("no portfolio \"" + portfolio + "\""));
    }
    if (caller.role() == Role.ADMIN) {
      return null;
    }
    Level mine = access.portfolio(portfolio, caller.name());
    if (mine == Level.OWNER) {
      return null;
    }
    // the guard lets a trader through to a portfolio nobody owns; claiming it is for an admin
    return problem(mine == Level.OPEN ? Problem.conflict("portfolio " + portfolio + " has no owner yet: an admin gives it its first")
        : Problem.http(403, "Forbidden", caller.name() + " does not own portfolio " + portfolio));
  }
}
