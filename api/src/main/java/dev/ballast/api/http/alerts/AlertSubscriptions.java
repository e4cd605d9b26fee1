package dev.ballast.api.http.alerts;

import dev.ballast.adapters.notify.email.EmailChannel;
import dev.ballast.adapters.notify.webhook.WebhookChannel;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.ops.alerts.AlertLevel;
import dev.ballast.engine.ops.alerts.NotificationChannel;
import dev.ballast.engine.ops.alerts.Subscription;
import dev.ballast.persistence.ops.SubscriptionStore;
import dev.ballast.persistence.ops.SubscriptionStore.Channel;
import dev.ballast.persistence.ops.SubscriptionStore.Row;
import dev.ballast.persistence.vault.AccountSecret;
import dev.ballast.persistence.vault.SecretVault;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users' own alert subscriptions (issue 14): each a signed webhook or e-mail with its lowest
 * level, kept in ops_subscriptions, a webhook's signing secret sealed in the vault; and the channels
 * the notifier sends to, built once per stored version.
 */
public final class AlertSubscriptions {
  private static final String VAULT_PREFIX = "alert-webhook:";

  /** A subscription as sent: {@code channel} webhook (url, secret) or email (to). */
  public record Request(String channel, String minLevel, String url, String secret, List<String> to) {}

  /** A subscription as shown: never the secret, only whether one is kept. */
  public record View(String user, String name, String channel, String minLevel, String url, List<String> to, Boolean secretSet,
      Instant updatedAt) {}

  /** What a put did. */
  public record Outcome(boolean created, View subscription) {}

  /** A request the server cannot carry out as it stands (no SMTP server, no vault). */
  public static final class NotPossible extends RuntimeException {
    NotPossible(String message) {
      super(message);
    }
  }

  /** A request with field problems, each naming its field; nothing was kept. */
  public static final class Invalid extends RuntimeException {
    private final List<FieldError> errors;

    Invalid(List<FieldError> errors) {
      super("invalid subscription: " + errors);
      this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
      return errors;
    }
  }

  private record Built(Instant version, Subscription subscription) {}

  private final SubscriptionStore store;
  private final EmailChannel.Smtp smtp;
  private final Duration webhookTimeout;
  private final Clock clock;
  private volatile SecretVault vault;
  private final Map<String, Built> built = new ConcurrentHashMap<>();

  /** {@code smtp} null: no SMTP server is configured, so e-mail subscriptions are refused. */
  public AlertSubscriptions(SubscriptionStore store, EmailChannel.Smtp smtp, Duration webhookTimeout, Clock clock) {
    this.store = store;
    this.smtp = smtp;
    this.webhookTimeout = webhookTimeout;
    this.clock = clock;
  }

  /** The vault that keeps the webhooks' secrets; it starts after the routes are built. */
  public AlertSubscriptions useVault(SecretVault vault) {
    this.vault = vault;
    return this;
  }

  static String vaultId(String user, String name) {
    return VAULT_PREFIX + user + "/" + name;
  }

  /** The problems of a subscription request, each naming its field; an empty list when it can be kept. */
  List<FieldError> check(String name, Request r, boolean secretKept) {
    List<FieldError> errors = new ArrayList<>();
    InputLimits.text(0, "name", name, InputLimits.ALERT_SUBSCRIPTION_NAME, errors);
    Channel channel = channel(r.channel());
    if (channel == null) {
      errors.add(new FieldError(0, "channel", "is not one of webhook, email"));
    }
    if (r.minLevel() != null && level(r.minLevel()) == null) {
      errors.add(new FieldError(0, "minLevel", "is not one of info, warning, critical, emergency"));
    }
    if (channel == Channel.WEBHOOK) {
      if (r.to() != null) {
        errors.add(new FieldError(0, "to", "is for e-mail; a webhook takes url and secret"));
      }
      if (r.url() == null) {
        errors.add(new FieldError(0, "url", "is required for a webhook"));
      } else {
        int before = errors.size();
        InputLimits.text(0, "url", r.url(), InputLimits.ALERT_WEBHOOK_URL, errors);
        if (errors.size() == before) {
          try {
            URI u = URI.create(r.url());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
              errors.add(new FieldError(0, "url", "is not an http or https URL with a host"));
            } else if (u.getUserInfo() != null) {
              errors.add(new FieldError(0, "url", "carries a user and password; sign with secret instead"));
            }
          } catch (IllegalArgumentException e) {
            errors.add(new FieldError(0, "url", "is not a URL"));
          }
        }
      }
      if (r.secret() == null) {
        if (!secretKept) {
          errors.add(new FieldError(0, "secret", "is required for a new webhook (at least " + InputLimits.MIN_ALERT_WEBHOOK_SECRET
              + " characters)"));
        }
      } else {
        int before = errors.size();
        InputLimits.text(0, "secret", r.secret(), InputLimits.ALERT_WEBHOOK_SECRET, errors);
        if (errors.size() == before && r.secret().length() < InputLimits.MIN_ALERT_WEBHOOK_SECRET) {
          errors.add(new FieldError(0, "secret", "has " + r.secret().length() + " characters; at least "
              + InputLimits.MIN_ALERT_WEBHOOK_SECRET));
        }
      }
    } else if (channel == Channel.EMAIL) {
      if (r.url() != null || r.secret() != null) {
        errors.add(new FieldError(0, r.url() != null ? "url" : "secret", "is for a webhook; e-mail takes to"));
      }
      if (r.to() == null || r.to().isEmpty()) {
        errors.add(new FieldError(0, "to", "is required for e-mail: one to " + InputLimits.MAX_ALERT_EMAIL_ADDRESSES + " addresses"));
      } else if (r.to().size() > InputLimits.MAX_ALERT_EMAIL_ADDRESSES) {
        errors.add(new FieldError(0, "to", "has " + r.to().size() + " addresses; at most " + InputLimits.MAX_ALERT_EMAIL_ADDRESSES));
      } else {
        for (int i = 0; i < r.to().size(); i++) {
          String field = "to[" + i + "]";
          String a = r.to().get(i);
          int before = errors.size();
          if (a == null) {
            errors.add(new FieldError(0, field, "is null"));
            continue;
          }
          InputLimits.text(0, field, a, InputLimits.ALERT_EMAIL_ADDRESS, errors);
          if (errors.size() == before) {
            if (a.contains(",")) {
              errors.add(new FieldError(0, field, "holds a comma: give one address per entry"));
              continue;
            }
            try {
              EmailChannel.address(name, a);
            } catch (IllegalArgumentException e) {
              errors.add(new FieldError(0, field, "is not an e-mail address"));
            }
          }
        }
      }
    }
    return errors;
  }

  /** Keeps a subscription (a new webhook secret sealed first, then the row), or throws {@link Invalid} naming each field. */
  public Outcome put(String user, String name, Request r) {
    boolean secretKept = channel(r.channel()) == Channel.WEBHOOK && vault != null && vault.open(vaultId(user, name)).isPresent()
        && store.find(user, name).map(row -> row.channel() == Channel.WEBHOOK).orElse(false);
    List<FieldError> errors = check(name, r, secretKept);
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
    Channel channel = channel(r.channel());
    if (channel == Channel.EMAIL && smtp == null) {
      throw new NotPossible("no SMTP server is configured (ballast.notify.smtp.host): e-mail alerts cannot be sent");
    }
    if (channel == Channel.WEBHOOK && vault == null) {
      throw new NotPossible("the vault has not started: a webhook's secret cannot be kept");
    }
    Instant now = clock.instant();
    if (channel == Channel.WEBHOOK && r.secret() != null) {
      vault.set(vaultId(user, name), new AccountSecret(Map.of(AccountSecret.API_SECRET, r.secret())), user, now);
    }
    AlertLevel level = r.minLevel() == null ? AlertLevel.WARNING : level(r.minLevel());
    String target = channel == Channel.WEBHOOK ? r.url() : String.join(",", r.to());
    Row row = new Row(user, name, channel, level, target, now);
    boolean created = store.put(row);
    if (channel == Channel.EMAIL && vault != null) {
      // a webhook turned into e-mail leaves no secret behind
      vault.delete(vaultId(user, name), user, now);
    }
    return new Outcome(created, view(row));
  }

  public List<View> list(String user) {
    return store.list(user).stream().map(AlertSubscriptions::view).toList();
  }

  public Optional<View> find(String user, String name) {
    return store.find(user, name).map(AlertSubscriptions::view);
  }

  /** Removes a subscription and its secret; false when there was none. */
  public boolean delete(String user, String name) {
    boolean removed = store.delete(user, name);
    if (removed && vault != null) {
      vault.delete(vaultId(user, name), user, clock.instant());
    }
    built.remove(user + "/" + name);
    return removed;
  }

  /**
   * Every stored subscription as the notifier sends to it; a channel is built again only when its
   * row changed. One whose secret does not open is kept as a channel that fails with the reason, so
   * its deliveries say why rather than going nowhere.
   */
  public List<Subscription> active() {
    List<Subscription> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Row row : store.list(null)) {
      String key = row.user() + "/" + row.name();
      seen.add(key);
      Built b = built.get(key);
      if (b == null || !b.version().equals(row.updatedAt())) {
        b = new Built(row.updatedAt(), new Subscription(row.user(), row.minLevel(), channel(key, row)));
        built.put(key, b);
      }
      out.add(b.subscription());
    }
    built.keySet().retainAll(seen);
    return out;
  }

  private NotificationChannel channel(String key, Row row) {
    try {
      if (row.channel() == Channel.EMAIL) {
        if (smtp == null) {
          return failing(key, "no SMTP server is configured (ballast.notify.smtp.host)");
        }
        return new EmailChannel(key, smtp, Arrays.asList(row.target().split(",")));
      }
      if (vault == null) {
        return failing(key, "the vault has not started");
      }
      Optional<AccountSecret> secret = vault.open(vaultId(row.user(), row.name()));
      if (secret.isEmpty()) {
        return failing(key, "the webhook's secret is not in the vault");
      }
      return new WebhookChannel(key, URI.create(row.target()),
          secret.get().require(AccountSecret.API_SECRET, "webhook " + key).getBytes(StandardCharsets.UTF_8), webhookTimeout);
    } catch (RuntimeException e) {
      return failing(key, e.getMessage());
    }
  }

  private static NotificationChannel failing(String key, String reason) {
    return new NotificationChannel() {
      @Override
      public String name() {
        return key;
      }

      @Override
      public void send(dev.ballast.engine.ops.alerts.Alert alert) {
        throw new IllegalStateException(reason);
      }
    };
  }

  private static View view(Row row) {
    boolean hook = row.channel() == Channel.WEBHOOK;
    return new View(row.user(), row.name(), row.channel().name().toLowerCase(Locale.ROOT), row.minLevel().name().toLowerCase(Locale.ROOT),
        hook ? row.target() : null, hook ? null : List.of(row.target().split(",")), hook ? Boolean.TRUE : null, row.updatedAt());
  }

  private static Channel channel(String text) {
    if (text == null) {
      return null;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "webhook" -> Channel.WEBHOOK;
      case "email", "e-mail" -> Channel.EMAIL;
      default -> null;
    };
  }

  private static AlertLevel level(String text) {
    try {
      return AlertLevel.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
