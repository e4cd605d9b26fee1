package dev.ballast.api.http.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Every HTTP route of the server with the permission it needs: the one place where access is
 * decided (the route guard reads it), and the list the OpenAPI document is checked against. A new
 * route adds its line here; a path under {@code /api} that matches no line needs an admin.
 */
public final class RouteTable {
  /** One route: method, path template ({@code {name}} matches one segment), permission, one line on what it does. */
  public record Rule(String method, String path, Permission permission, String summary) {
    boolean matches(String method, List<String> segments) {
      if (!this.method.equals(method)) {
        return false;
      }
      List<String> template = split(path);
      if (template.size() != segments.size()) {
        return false;
      }
      for (int i = 0; i < template.size(); i++) {
        String t = template.get(i);
        if (!(t.startsWith("{") && t.endsWith("}")) && !t.equals(segments.get(i))) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Rule> rules;

  public RouteTable(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public List<Rule> rules() {
    return rules;
  }

  /** The rule for a request; a literal segment wins over a {placeholder} (GET /api/prices/status before /api/prices/{asset}). */
  public Optional<Rule> match(String method, String path) {
    List<String> segments = split(path);
    Rule best = null;
    int bestLiterals = -1;
    for (Rule rule : rules) {
      if (rule.matches(method, segments)) {
        int literals = (int) split(rule.path()).stream().filter(s -> !s.startsWith("{")).count();
        if (literals > bestLiterals) {
          best = rule;
          bestLiterals = literals;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** The permission a request needs: its rule's, else admin under /api, else public (the page and its files). */
  public Permission required(String method, String path) {
    return match(method, path).map(Rule::permission)
        .orElse(path.equals("/api") || path.startsWith("/api/") || path.equals("/metrics") ? Permission.ADMIN : Permission.PUBLIC);
  }

  static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static Rule r(String method, String path, Permission permission, String summary) {
    return new Rule(method, path, permission, summary);
  }

  /** The server's routes. Add a new route's line in its resource's group. */
  public static RouteTable ballast() {
    Permission pub = Permission.PUBLIC;
    Permission read = Permission.READ;
    Permission trade = Permission.TRADE;
    Permission admin = Permission.ADMIN;
    return new RouteTable(List.of(
        r("GET", "/health", pub, "liveness and the state of each read-side slice"),
        r("GET", "/health/ready", pub, "readiness: database, read-side slices, scheduler, each up, degraded or down with a reason; 503 when one is down"),
        r("GET", "/metrics", read, "Prometheus metrics (text exposition format)"),
        r("GET", "/api/openapi.json", pub, "this document"),
        // users and sessions
        r("POST", "/api/auth/login", pub, "log in with name and password: an access token and a refresh token"),
        r("POST", "/api/auth/refresh", pub, "a refresh token for a new pair (the old refresh token is used up)"),
        r("POST", "/api/auth/logout", pub, "ends the session of a refresh token"),
        r("GET", "/api/auth/me", read, "who the token belongs to and its role"),
        r("POST", "/api/auth/bootstrap", admin, "with the bootstrap admin token and no users yet: make the first admin {name, password}; the token becomes theirs"),
        r("GET", "/api/auth/events", admin, "logins, failed logins, user and role changes, newest first, paged (offset, limit, from, to)"),
        r("GET", "/api/users", admin, "the users"),
        r("POST", "/api/users", admin, "add a user {name, password, role}"),
        r("DELETE", "/api/users/{user}", admin, "remove a user and end their sessions"),
        r("PUT", "/api/users/{user}/password", admin, "set a user's password {password}; ends their sessions"),
        r("PUT", "/api/users/{user}/role", admin, "set a user's role {role}; ends their sessions"),
        r("GET", "/api/tokens", read, "your personal API tokens with their last use (an admin: everyone's)"),
        r("POST", "/api/tokens", read, "make a personal API token {name}: shown once"),
        r("DELETE", "/api/tokens/{token}", read, "revoke a personal API token of yours (an admin: anyone's)"),
        r("GET", "/api/shares/{portfolio}", read, "who owns the portfolio and who may read it"),
        r("PUT", "/api/shares/{portfolio}/{user}", trade, "give a user OWNER or READ access {access} (an owner or an admin; the first owner: an admin)"),
        r("DELETE", "/api/shares/{portfolio}/{user}", trade, "take a user's access to the portfolio away (an owner or an admin)"),
        // portfolios
        r("GET", "/api/portfolios", read, "the portfolios"),
        r("POST", "/api/portfolios", trade, "create a portfolio {id, name, baseCurrency}"),
        r("GET", "/api/portfolios/{portfolio}", read, "one portfolio with its accounts and target"),
        r("GET", "/api/portfolios/{portfolio}/positions", read, "positions of every attached account"),
        r("GET", "/api/portfolios/{portfolio}/plan", read, "the orders per account the targets call for, with each one's tax, fee and reason: shown, never sent"),
        r("PUT", "/api/portfolios/{portfolio}/target", trade, "set the target allocation"),
        r("POST", "/api/portfolios/{portfolio}/accounts", trade, "attach an account {accountId}"),
        r("DELETE", "/api/portfolios/{portfolio}/accounts/{account}", trade, "detach an account"),
        // accounts
        r("GET", "/api/accounts", read, "the accounts"),
        r("POST", "/api/accounts", trade, "open an account"),
        r("GET", "/api/accounts/{account}", read, "one account"),
        r("GET", "/api/accounts/{account}/positions", read, "positions with cost basis and realized P&L"),
        r("GET", "/api/accounts/{account}/transactions", read, "recorded transactions, paged (offset, limit)"),
        r("POST", "/api/accounts/{account}/transactions", trade, "record a batch of transactions: all or nothing"),
        r("POST", "/api/accounts/{account}/balances", trade, "report balances: differences become discrepancy events"),
        r("GET", "/api/accounts/{account}/metrics", read, "P&L, fees, taxes, income and trade statistics"),
        r("POST", "/api/accounts/{account}/imports", trade, "import a statement file (the body)"),
        r("GET", "/api/accounts/{account}/reconciliation", read, "ledger against the last holdings statement"),
        r("GET", "/api/imports/formats", read, "the statement formats"),
        // assets and prices
        r("GET", "/api/assets", read, "the asset catalog"),
        r("POST", "/api/assets", admin, "register an asset"),
        r("GET", "/api/prices/status", read, "per price source: last success, last error, circuit breaker"),
        r("POST", "/api/prices/sync", trade, "fetch missing daily prices"),
        r("GET", "/api/prices/sync/progress", read, "how far the running price sync is, or how the last one ended"),
        r("GET", "/api/prices/actions", read, "corporate actions, paged (offset, limit, from, to on the ex-date)"),
        r("GET", "/api/prices/{asset}", read, "daily prices of an asset (from, to)"),
        r("PUT", "/api/prices/{asset}/sources", admin, "where an asset is priced"),
        r("POST", "/api/prices/{asset}/manual", trade, "record a price by hand"),
        r("GET", "/api/valuation/portfolios/{portfolio}/snapshot", read, "value, weight, cost and P&L (currency, date, scope)"),
        r("GET", "/api/valuation/portfolios/{portfolio}/allocation", read, "weights against the target (currency, date, scope)"),
        r("GET", "/api/valuation/portfolios/{portfolio}/history", read, "daily value with flows (from, to, currency, by)"),
        r("GET", "/api/valuation/portfolios/{portfolio}/snapshots", read, "the daily snapshots the portfolio-snapshots job stored, complete or not (from, to)"),
        r("GET", "/api/valuation/portfolios/{portfolio}/metrics", read, "TWR, IRR, Sharpe, drawdown of the value history (from, to, currency, benchmark)"),
        r("GET", "/api/valuation/accounts/{account}/history", read, "daily value of an account with flows (from, to, currency, by)"),
        r("POST", "/api/prices/{asset}/manual/batch", trade, "record many prices by hand: all or nothing"),
        r("POST", "/api/prices/{asset}/market-caps/sync", trade, "fetch a coin's daily market caps"),
        r("GET", "/api/prices/{asset}/market-caps", read, "a coin's stored daily market caps"),
        r("POST", "/api/prices/market/sync", trade, "fetch the crypto market totals and dominance"),
        r("GET", "/api/prices/market", read, "the stored crypto market totals and dominance"),
        r("POST", "/api/prices/splits/apply", admin, "record every stored split in the ledgers holding the asset before its ex-date"),
        r("GET", "/api/prices/dividends/{account}", read, "reported dividends of an account: matched in its ledger or proposed (status), paged (offset, limit, from, to on the ex-date)"),
        r("POST", "/api/prices/dividends/{account}/confirm", trade, "record a proposed dividend in the account"),
        // trading
        r("GET", "/api/strategies/{portfolio}", read, "the portfolio's strategy"),
        r("PUT", "/api/strategies/{portfolio}", trade, "configure the portfolio's strategy"),
        r("POST", "/api/strategies/{portfolio}/check", trade, "decide now"),
        r("GET", "/api/strategies/{portfolio}/decisions", read, "the strategy's decisions, paged (offset, limit, from, to)"),
        r("GET", "/api/strategies/{portfolio}/orders", read, "orders of the portfolio's decisions, paged (offset, limit, from, to)"),
        r("GET", "/api/strategies/{portfolio}/fills", read, "fills of the portfolio's orders with intended price and slippage, paged (offset, limit, from, to)"),
        r("GET", "/api/feeds", read, "the live feeds: each one's connections, quotes, malformed messages, silences and since when it has had no prices"),
        r("GET", "/api/feeds/{feed}/gaps", read, "the feed's latest spans without prices, newest first, and how each instrument's back-fill went"),
        r("GET", "/api/feeds/{feed}/bars", read, "the one-minute bars back-filled into the feed's gaps for one instrument (instrument, from, to: at most 7 days)"),
        r("GET", "/api/strategies/{portfolio}/intents", read, "the order intents of the portfolio's decisions with the risk gate's verdict and the order each became, paged (offset, limit, from, to)"),
        r("GET", "/api/kill-switch", read, "engaged or off, by whom and why"),
        r("POST", "/api/kill-switch/engage", admin, "stop all trading"),
        r("POST", "/api/kill-switch/reset", admin, "allow trading again"),
        r("GET", "/api/regime/status", read, "the crypto market regime, since when, and the figures it was read from"),
        r("GET", "/api/orders/{account}", read, "orders of an account as its execution holds them now, paged (offset, limit, from, to)"),
        r("GET", "/api/orders/{account}/history", read, "orders of an account from the read side, paged (offset, limit, from, to)"),
        r("GET", "/api/orders/{account}/fills", read, "fills of an account with intended price and slippage, paged (offset, limit, from, to)"),
        // secrets and account sync (issue 13)
        r("GET", "/api/secrets", admin, "the accounts' secrets, masked (last four characters), with their key version"),
        r("PUT", "/api/secrets/{account}", admin, "set or replace an account's secret {apiKey, apiSecret, passphrase, token, xpub}"),
        r("DELETE", "/api/secrets/{account}", admin, "delete an account's secret"),
        r("GET", "/api/secrets/events", admin, "every change of the vault (never a value), paged (offset, limit, from, to)"),
        r("POST", "/api/secrets/rotate-master", admin, "a new master key version; every secret re-sealed with it"),
        r("GET", "/api/sync", read, "the sync state of every connected account"),
        r("GET", "/api/sync/{account}", read, "an account's sync state: last sync, last error, next sync"),
        r("PUT", "/api/sync/{account}", admin, "connect an account to a venue {kind, settings}"),
        r("DELETE", "/api/sync/{account}", admin, "disconnect an account"),
        r("POST", "/api/sync/{account}", trade, "sync an account now"),
        // reports (issue 15)
        r("GET", "/api/reports/realized", read, "realized gains of a tax year per account and wrapper, in JPY (portfolio or account, year)"),
        r("GET", "/api/reports/monthly", read, "the monthly PDF report of a portfolio (portfolio, month, benchmark)"),
        r("GET", "/api/reports/slippage", read, "slippage of fills against intended prices (portfolio or account, from, to, threshold)"),
        r("GET", "/api/annotations/orders/{order}", read, "the pre- and post-trade notes on an order"),
        r("POST", "/api/annotations/orders/{order}", trade, "add a note to an order {phase, answers}: journaled, never changed"),
        r("GET", "/api/annotations/trades/{account}/{transaction}", read, "the pre- and post-trade notes on a recorded trade"),
        r("POST", "/api/annotations/trades/{account}/{transaction}", trade, "add a note to a recorded trade {phase, answers}"),
        r("GET", "/api/exports/{kind}", read, "download transactions, positions, history, metrics, realized or orders as CSV or Excel"),
        // operations (issue 14)
        r("GET", "/api/system/logs", admin, "the newest lines of the server log (level, from, to, limit)"),
        r("GET", "/api/jobs", read, "the durable jobs: schedule, last run, outcome, duration and next run"),
        r("GET", "/api/jobs/{job}", read, "one job with its recent runs"),
        r("POST", "/api/jobs/{job}/run", admin, "run a job now (paused or not)"),
        r("POST", "/api/jobs/{job}/pause", admin, "pause a job: its runs are skipped"),
        r("POST", "/api/jobs/{job}/resume", admin, "resume a paused job"),
        r("PUT", "/api/jobs/{job}/schedule", admin, "change a job's schedule {schedule, zone}"),
        r("GET", "/api/alerts", read, "alerts, newest first (open, level, limit)"),
        r("GET", "/api/alerts/{alert}", read, "one alert"),
        r("GET", "/api/alerts/subscriptions", read, "the caller's alert subscriptions (an admin may name ?user)"),
        r("GET", "/api/alerts/subscriptions/{name}", read, "one of the caller's alert subscriptions"),
        r("PUT", "/api/alerts/subscriptions/{name}", read, "keep a webhook {url, secret} or e-mail {to} subscription with its minLevel"),
        r("DELETE", "/api/alerts/subscriptions/{name}", read, "remove one of the caller's alert subscriptions and its secret"),
        r("POST", "/api/alerts/{alert}/read", read, "mark an alert read"),
        r("GET", "/api/alerts/{alert}/deliveries", read, "an alert's notifications per channel: tries, delivered or failed, last error"),
        r("POST", "/api/alerts/{alert}/ack", trade, "acknowledge an alert (by): the next raise of its cause is a new alert"),
        // backtests (issue 12)
        r("GET", "/api/backtests", read, "the stored backtest runs, newest first (limit)"),
        r("POST", "/api/backtests", trade, "start a backtest over the price store {strategy, from, to, initial, currency, params}: runs in the background"),
        r("GET", "/api/backtests/compare", read, "stored runs' metrics side by side (runs=ID,ID)"),
        r("GET", "/api/backtests/{run}", read, "a stored run: its request, status, metrics, value series and fills"),
        r("GET", "/api/backtests/{run}/decisions", read, "a stored run's decisions with their inputs, plan and screening, in order (offset, limit)"),
        r("GET", "/api/backtests/{run}/export", read, "a stored run's value series, trades or decisions as CSV (what=values|trades|decisions)"),
        r("POST", "/api/backtests/{run}/rerun", trade, "run a stored run's request again in the background: a new run id, rerunOf the old"),
        // audit
        r("GET", "/api/audit/log/{entity}", admin, "every event of an entity, paged (offset, limit, from, to)"),
        r("GET", "/api/audit/state/{entity}", admin, "an entity's state rebuilt from its events (at)"),
        r("GET", "/api/audit/verify", admin, "every entity against its snapshot, today's rules and the read tables")));
  }
}
