package dev.ballast.api.http.alerts;

import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.Problem;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.ops.alerts.Alert;
import dev.ballast.engine.ops.alerts.AlertLevel;
import dev.ballast.persistence.ops.AlertStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/alerts}: the kept alerts (open=true for the unacknowledged, level=warning and above), mark one read, acknowledge one,
 * its deliveries; and {@code /api/alerts/subscriptions}, the caller's own webhooks and e-mails (an admin may name another user).
 */
public final class AlertRoutes extends RouteSupport {
  private static final int MAX_LIMIT = 1000;
  private final AlertStore alerts;
  private final dev.ballast.persistence.ops.AlertNotifier notifier;
  private final AlertSubscriptions subscriptions;

  public AlertRoutes(ApiContext context, AlertStore alerts, dev.ballast.persistence.ops.AlertNotifier notifier) {
    this(context, alerts, notifier, null);
  }

  public AlertRoutes(ApiContext context, AlertStore alerts, dev.ballast.persistence.ops.AlertNotifier notifier,
      AlertSubscriptions subscriptions) {
    super(context);
    this.alerts = alerts;
    this.notifier = notifier;
    this.subscriptions = subscriptions;
  }

  public Route route() {
    return route((dev.ballast.api.http.auth.Principal) null);
  }

  public Route route(dev.ballast.api.http.auth.Principal caller) {
    return concat(
        pathPrefix("subscriptions", () -> subscriptions == null || caller == null ? reject() : subscriptions(caller)),
        pathEnd(() -> get(() -> parameterOptional("open", open -> parameterOptional("level", level -> parameterOptional("limit", limit ->
            parameterOptional("offset", offset -> parameterOptional("from", from -> parameterOptional("to", to -> {
              List<FieldError> errors = new ArrayList<>();
              AlertLevel min = null;
              if (level.isPresent()) {
                try {
                  min = AlertLevel.valueOf(level.get().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                  errors.add(new FieldError(0, "level", "is not one of info, warning, critical, emergency"));
                }
              }
              int n = 100;
              if (limit.isPresent()) {
                try {
                  n = Integer.parseInt(limit.get());
                  if (n < 1 || n > MAX_LIMIT) {
                    errors.add(new FieldError(0, "limit", "is not between 1 and " + MAX_LIMIT));
                  }
                } catch (NumberFormatException e) {
                  errors.add(new FieldError(0, "limit", "is not a number"));
                }
              }
              // offset, from and to as the trading lists read them (from inclusive, to exclusive, on the last raise)
              dev.ballast.api.http.orders.ListParams range = dev.ballast.api.http.orders.ListParams.parse(offset, Optional.empty(), from, to, errors);
              if (!errors.isEmpty()) {
                return refused(errors);
              }
              boolean openOnly = open.map(Boolean::parseBoolean).orElse(false);
              AlertLevel atLeast = min;
              int max = n;
              return completeBlocking(() -> {
                dev.ballast.persistence.query.Page<Alert> page = alerts.page(openOnly, atLeast, range.from(), range.to(), range.offset(), max);
                Map<String, Object> body = new java.util.LinkedHashMap<>();
                body.put("offset", page.offset());
                body.put("limit", page.limit());
                body.put("total", page.total());
                body.put("alerts", page.items());
                return json(200, body);
              });
            })))))))),
        pathPrefix(PathMatchers.segment(), raw -> pathId("alert", raw, AlertRoutes::id, id -> concat(
            pathEnd(() -> get(() -> one(id, alerts::find))),
            path("read", () -> post(() -> one(id, alerts::markRead))),
            path("deliveries", () -> get(() -> completeBlocking(() -> alerts.find(id)
                .map(a -> json(200, Map.of("deliveries", notifier.deliveries(id))))
                .orElseGet(() -> problem(Problem.notFound("no alert " + id)))))),
            path("ack", () -> post(() -> parameterOptional("by", by -> {
              String who = by.orElse("api");
              List<FieldError> errors = new ArrayList<>();
              InputLimits.text(0, "by", who, InputLimits.KILL_SWITCH_BY, errors);
              return errors.isEmpty() ? one(id, i -> alerts.acknowledge(i, who)) : refused(errors);
            })))))));
  }

  private Route subscriptions(dev.ballast.api.http.auth.Principal caller) {
    return parameterOptional("user", named -> {
      String user = named.orElse(caller.name());
      if (!user.equals(caller.name()) && caller.role() != dev.ballast.api.http.auth.Role.ADMIN) {
        return complete(problem(Problem.http(403, "Forbidden", "only an admin sees or changes another user's subscriptions")));
      }
      if (user.length() > InputLimits.USER_NAME.maxLength()) {
        return refused(List.of(new FieldError(0, "user", "has " + user.length() + " characters; at most " + InputLimits.USER_NAME.maxLength())));
      }
      return concat(
          pathEnd(() -> get(() -> completeBlocking(() -> json(200, Map.of("user", user, "subscriptions", subscriptions.list(user)))))),
          path(PathMatchers.segment(), name -> concat(
              get(() -> completeBlocking(() -> subscriptions.find(user, name).map(v -> json(200, v))
                  .orElseGet(() -> problem(Problem.notFound("no subscription " + name + " of " + user))))),
              put(() -> body(AlertSubscriptions.Request.class, b -> completeBlocking(() -> {
                try {
                  AlertSubscriptions.Outcome out = subscriptions.put(user, name, b);
                  return json(out.created() ? 201 : 200, out.subscription());
                } catch (AlertSubscriptions.Invalid e) {
                  return problem(Problem.invalid("the subscription was not kept", e.errors()));
                } catch (AlertSubscriptions.NotPossible e) {
                  return problem(Problem.conflict(e.getMessage()));
                }
              }))),
              delete(() -> completeBlocking(() -> subscriptions.delete(user, name)
                  ? json(200, Map.of("user", user, "name", name, "deleted", true))
                  : problem(Problem.notFound("no subscription " + name + " of " + user)))))));
    });
  }

  private Route one(long id, Function<Long, Optional<Alert>> work) {
    return completeBlocking(() -> work.apply(id).map(a -> json(200, a))
        .orElseGet(() -> problem(Problem.notFound("no alert " + id))));
  }

  private static long id(String raw) {
    try {
      long id = Long.parseLong(raw);
      if (id < 1) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("alert id '" + raw + "' is not a positive number");
    }
  }
}
