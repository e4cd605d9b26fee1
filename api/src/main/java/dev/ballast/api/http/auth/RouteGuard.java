package dev.ballast.api.http.auth;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.persistence.auth.PortfolioAccessRepository;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The one check of every HTTP request: the permission the {@link RouteTable} names for its method
 * and path, against who the bearer token says sent it. 401 without a valid token, 403 when the
 * role is not enough, 429 for a client after too many bad tokens; and the security headers on
 * every answer.
 */
public final class RouteGuard extends RouteSupport {
  private static final List<HttpHeader> API_HEADERS = List.of(
      RawHeader.create("X-Content-Type-Options", "nosniff"),
      RawHeader.create("Cache-Control", "no-store"),
      RawHeader.create("Referrer-Policy", "no-referrer"));
  // the page loads only its own files; connect-src 'self' covers fetch and, in current browsers, the same-origin /ws
  private static final List<HttpHeader> PAGE_HEADERS = List.of(
      RawHeader.create("X-Content-Type-Options", "nosniff"),
      RawHeader.create("Referrer-Policy", "no-referrer"),
      RawHeader.create("X-Frame-Options", "DENY"),
      RawHeader.create("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self' ws: wss:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"));

  private final RouteTable table;
  private final Authenticator authenticator;
  private final Throttle badTokens;
  private final PortfolioAccessRepository portfolios;

  /** @param portfolios who owns and shares each portfolio; null: every portfolio is open to every signed-in user */
  public RouteGuard(ApiContext context, RouteTable table, Authenticator authenticator, Throttle badTokens,
      PortfolioAccessRepository portfolios) {
    super(context);
    this.table = table;
    this.authenticator = authenticator;
    this.badTokens = badTokens;
    this.portfolios = portfolios;
  }

  public RouteTable table() {
    return table;
  }

  /** The wrong-token throttle (its counters go to /metrics). */
  public Throttle badTokens() {
    return badTokens;
  }

  public Authenticator authenticator() {
    return authenticator;
  }

  /** The security headers: the API's on /api, /health and /metrics, the page's elsewhere. */
  public Route withSecurityHeaders(Supplier<Route> inner) {
    return extractUri(uri -> {
      String path = uri.path();
      boolean api = path.startsWith("/api") || path.equals("/health") || path.equals("/metrics");
      return respondWithDefaultHeaders(api ? API_HEADERS : PAGE_HEADERS, inner);
    });
  }

  /** Lets the request through to {@code inner} with who sent it (null on a public route), or answers 401, 403 or 429. */
  public Route guard(Function<Principal, Route> inner) {
    return extractMethod(method -> extractUri(uri -> {
      Permission needed = table.required(method.name(), uri.path());
      if (needed == Permission.PUBLIC) {
        return inner.apply(null);
      }
      return extractClientIP(ip -> optionalHeaderValueByName("Authorization", header -> {
        String client = client(ip);
        Optional<Duration> wait = badTokens.refusedFor(client);
        if (wait.isPresent()) {
          return complete(tooManyRequests(wait.get(), "too many requests with a wrong token from this address"));
        }
        String token = header.filter(h -> h.startsWith("Bearer ")).map(h -> h.substring(7).trim()).orElse("");
        if (token.isEmpty()) {
          return complete(problem(Problem.unauthorized()));
        }
        return onSuccess(authenticator.authenticate(token), principal -> {
          if (principal.isEmpty()) {
            badTokens.failed(client);
            return complete(problem(Problem.unauthorized()));
          }
          if (!needed.allows(principal.get().role())) {
            return complete(problem(Problem.http(403, "Forbidden",
                method.name() + " " + uri.path() + " needs the " + needed.name().toLowerCase() + " permission; "
                    + principal.get().name() + " is " + principal.get().role().name().toLowerCase())));
          }
          return owned(method.name(), uri.path(), needed, principal.get(), inner);
        });
      }));
    }));
  }

  /**
   * The portfolio check: a route whose template names a {@code {portfolio}} or an {@code {account}}
   * lets a non-admin through only with access to that portfolio (or a portfolio the account is
   * attached to): any access to read, an owner's to change. A portfolio nobody owns is open.
   */
  private Route owned(String method, String path, Permission needed, Principal principal, Function<Principal, Route> inner) {
    if (portfolios == null || principal.role() == Role.ADMIN) {
      return inner.apply(principal);
    }
    Optional<RouteTable.Rule> rule = table.match(method, path);
    List<String> template = rule.map(r -> RouteTable.split(r.path())).orElse(List.of());
    List<String> segments = RouteTable.split(path);
    int p = template.indexOf("{portfolio}");
    int a = template.indexOf("{account}");
    if (p < 0 && a < 0) {
      return inner.apply(principal);
    }
    String what = p >= 0 ? "portfolio " + segments.get(p) : "account " + segments.get(a);
    return onSuccess(blocking(() -> p >= 0 ? portfolios.portfolio(segments.get(p), principal.name())
        : portfolios.account(segments.get(a), principal.name())), level -> {
      boolean allowed = switch (level) {
        case OPEN, OWNER -> true;
        case READ -> needed == Permission.READ;
        case NONE -> false;
      };
      if (allowed) {
        return inner.apply(principal);
      }
      return complete(problem(Problem.http(403, "Forbidden", method + " " + path + ": " + principal.name()
          + (level == PortfolioAccessRepository.Level.READ ? " may only read " : " has no access to ") + what)));
    });
  }

  /**
   * Which portfolios a list shows {@code principal}: for an admin every one, else those it has any
   * access to (a portfolio nobody owns is open), the same rule as a route naming the portfolio.
   * Each test reads the database: call it where blocking is allowed.
   */
  public java.util.function.Predicate<String> portfolioVisible(Principal principal) {
    if (portfolios == null || principal.role() == Role.ADMIN) {
      return id -> true;
    }
    return id -> portfolios.portfolio(id, principal.name()) != PortfolioAccessRepository.Level.NONE;
  }

  /** Which accounts a list shows {@code principal}: those of a portfolio it may read, or of none with an owner. */
  public java.util.function.Predicate<String> accountVisible(Principal principal) {
    if (portfolios == null || principal.role() == Role.ADMIN) {
      return id -> true;
    }
    return id -> portfolios.account(id, principal.name()) != PortfolioAccessRepository.Level.NONE;
  }

  /**
   * The same portfolio check for a /ws subscription: {@code portfolio} and {@code decisions} are
   * keyed by portfolio, {@code orders} by account; every key of those topics at once is for admins.
   * Empty when allowed, else why not.
   */
  public java.util.concurrent.CompletionStage<Optional<String>> subscriptionRefusal(String token, String topic, String key) {
    return authenticator.authenticate(token).thenCompose(found -> {
      if (found.isEmpty()) {
        return java.util.concurrent.CompletableFuture.completedFuture(Optional.of("unauthorized"));
      }
      Principal principal = found.get();
      boolean byPortfolio = topic.equals("portfolio") || topic.equals("decisions");
      if (portfolios == null || principal.role() == Role.ADMIN || !(byPortfolio || topic.equals("orders"))) {
        return java.util.concurrent.CompletableFuture.completedFuture(Optional.empty());
      }
      if (key.equals("*")) {
        return java.util.concurrent.CompletableFuture.completedFuture(Optional.of("a subscription to every key of " + topic + " is for admins"));
      }
      return blocking(() -> byPortfolio ? portfolios.portfolio(key, principal.name()) : portfolios.account(key, principal.name()))
          .thenApply(level -> level == PortfolioAccessRepository.Level.NONE
              ? Optional.of(principal.name() + " has no access to " + (byPortfolio ? "portfolio " : "account ") + key) : Optional.<String>empty());
    });
  }

  /** 429 with Retry-After in whole seconds (at least 1). */
  HttpResponse tooManyRequests(Duration wait, String detail) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return problem(Problem.http(429, "Too many requests", detail + "; try again in " + seconds + " s"))
        .addHeader(RawHeader.create("Retry-After", Long.toString(seconds)));
  }

  static String client(RemoteAddress ip) {
    return ip.getAddress().map(InetAddress::getHostAddress).orElse("unknown");
  }
}
