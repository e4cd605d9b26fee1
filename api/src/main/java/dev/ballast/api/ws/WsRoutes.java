package dev.ballast.api.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.api.http.ApiContext;
import dev.ballast.api.http.RouteSupport;
import dev.ballast.api.http.TokenCache;
import dev.ballast.api.server.AdminToken;
import dev.ballast.persistence.auth.ApiTokenRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * {@code /ws}: live updates over a WebSocket, behind the same bearer tokens as {@code /api}, given
 * in the {@code Authorization} header of the upgrade or as the first message
 * ({@code {"type":"auth","token":"..."}}). A client subscribes and unsubscribes by topic and key
 * ({@code {"type":"subscribe","topic":"portfolio","key":"pf-1"}}; no key = every key of the topic);
 * it gets {@code {"type":"update","topic":..,"key":..,"data":{..}}} and a heartbeat every
 * {@code heartbeat}. A client slower than the updates gets the latest per topic and key: what
 * waits for it is bounded by what it subscribed to, never by time.
 */
public final class WsRoutes extends RouteSupport {

  /** @param authTimeout how long an unauthenticated connection may wait for its auth message */
  public record Settings(Duration heartbeat, Duration authTimeout, int maxSubscriptions) {
    public static Settings from(com.typesafe.config.Config config) {
      return new Settings(config.getDuration("ballast.ws.heartbeat"), config.getDuration("ballast.ws.auth-timeout"),
          config.getInt("ballast.ws.max-subscriptions"));
    }
  }

  private final LiveHub hub;
  private final ApiTokenRepository tokens;
  private final TokenCache tokenCache;
  private final Materializer materializer;
  private final Settings settings;
  private final Clock clock;
  // set by the server to the access guard's authenticator, so a user's JWT opens /ws too (issue 10)
  private volatile java.util.function.Function<String, CompletionStage<Boolean>> authenticator;

  public WsRoutes(ApiContext context, LiveHub hub, ApiTokenRepository tokens, TokenCache tokenCache, Materializer materializer, Settings settings,
      Clock clock) {
    super(context);
    this.hub = hub;
    this.tokens = tokens;
    this.tokenCache = tokenCache;
    this.materializer = materializer;
    this.settings = settings;
    this.clock = clock;
  }

  public Route route() {
    return path("ws", () -> optionalHeaderValueByName("Authorization", header -> {
      Optional<String> token = header.filter(h -> h.startsWith("Bearer ")).map(h -> h.substring(7).trim()).filter(t -> !t.isEmpty());
      if (token.isEmpty()) {
        return handleWebSocketMessages(connection(null));
      }
      return onSuccess(valid(token.get()), ok -> ok ? handleWebSocketMessages(connection(token.get())) : complete(problem(
          dev.ballast.api.http.Problem.unauthorized())));
    }));
  }

  /** Checks tokens with this instead of the API-token table alone (the access guard's authenticator). */
  public void authenticateWith(java.util.function.Function<String, CompletionStage<Boolean>> authenticator) {
    this.authenticator = authenticator;
  }

  /** Port: whether the holder of a token may subscribe to a topic and key; the refusal's reason, or empty. */
  public interface SubscriptionCheck {
    CompletionStage<Optional<String>> refusal(String token, String topic, String key);
  }

  // set by the server to the route guard's portfolio check (issue 10); null: every subscription is allowed
  private volatile SubscriptionCheck subscriptionCheck;

  /** Checks each subscription with this: the same portfolio and account access as the REST routes. */
  public void authorizeWith(SubscriptionCheck check) {
    this.subscriptionCheck = check;
  }

  private CompletionStage<Boolean> valid(String token) {
    if (authenticator != null) {
      return authenticator.apply(token);
    }
    String hash = AdminToken.hash(token);
    if (tokenCache.isConfirmed(hash)) {
      return CompletableFuture.completedFuture(true);
    }
    return blocking(() -> tokens.findByHash(hash).isPresent()).thenApply(ok -> {
      if (ok) {
        tokenCache.confirm(hash);
      } else {
        tokenCache.invalidate(hash);
      }
      return ok;
    });
  }

  /**
   * A connection's control replies. Completed once, by whichever comes first: the client's side
   * ending, a refused authentication or the authentication deadline (a second completion of the
   * queue is an error Pekko logs).
   */
  private static final class Replies {
    private final BoundedSourceQueue<String> queue;
    private final AtomicBoolean completed = new AtomicBoolean();

    Replies(BoundedSourceQueue<String> queue) {
      this.queue = queue;
    }

    void offer(String text) {
      if (!completed.get()) {
        queue.offer(text);
      }
    }

    void complete() {
      if (completed.compareAndSet(false, true)) {
        queue.complete();
      }
    }
  }

  /** One client's connection: its subscriptions, its control replies, its updates. */
  /** @param headerToken the token of the upgrade's Authorization header, already checked; null: the first message brings one */
  private Flow<Message, Message, NotUsed> connection(String headerToken) {
    boolean authenticated = headerToken != null;
    Set<String> subscriptions = ConcurrentHashMap.newKeySet();
    LiveOutbox outbox = hub.outbox();
    AtomicBoolean authed = new AtomicBoolean(authenticated);
    java.util.concurrent.atomic.AtomicReference<String> token = new java.util.concurrent.atomic.AtomicReference<>(headerToken);
    var control = Source.<String>queue(32).preMaterialize(materializer);
    Replies replies = new Replies(control.first());
    if (authenticated) {
      replies.offer(reply("welcome", null));
    }

    Sink<Message, NotUsed> in = Flow.of(Message.class)
        .mapAsync(1, m -> m.isText() ? m.asTextMessage().toStrict(5_000, materializer).thenApply(t -> t.getStrictText())
            : CompletableFuture.completedFuture(""))
        .mapAsync(1, text -> handle(text, authed, token, subscriptions, outbox, replies))
        .to(Sink.onComplete(done -> replies.complete()));

    // the hub writes each update's message once and conflates it into this connection's outbox:
    // nothing per connection runs on the hub's side but that put
    Source<Message, NotUsed> updates = hub.frames(outbox).map(LiveHub.Frame::message);
    Source<String, NotUsed> heartbeats = Source.tick(settings.heartbeat(), settings.heartbeat(), NotUsed.getInstance())
        .filter(t -> authed.get())
        .map(t -> "{\"type\":\"heartbeat\",\"at\":\"" + clock.instant() + "\"}")
        .mapMaterializedValue(c -> NotUsed.getInstance());
    Source<String, NotUsed> authDeadline = Source.single("deadline").initialDelay(settings.authTimeout())
        .filter(x -> !authed.get())
        .map(x -> {
          replies.offer(reply("error", "not authenticated within " + settings.authTimeout().toSeconds() + " s"));
          replies.complete();
          return "";
        })
        .filter(x -> false);
    Source<Message, NotUsed> out = control.second()
        .merge(heartbeats, true)
        .merge(authDeadline)
        .map(text -> (Message) TextMessage.create(text))
        .merge(updates, true);
    return Flow.fromSinkAndSourceCoupled(in, out);
  }

  private CompletionStage<String> handle(String text, AtomicBoolean authed, java.util.concurrent.atomic.AtomicReference<String> token,
      Set<String> subscriptions, LiveOutbox outbox, Replies replies) {
    JsonNode message;
    try {
      message = context.json().readTree(text);
    } catch (Exception e) {
      message = null;
    }
    if (message == null || !message.isObject() || !message.path("type").isTextual()) {
      replies.offer(reply("error", "a message is a JSON object with a type"));
      return done();
    }
    String type = message.get("type").asText();
    if (!authed.get()) {
      if (!type.equals("auth") || !message.path("token").isTextual()) {
        replies.offer(reply("error", "authenticate first: {\"type\":\"auth\",\"token\":\"...\"}"));
        replies.complete();
        return done();
      }
      String offered = message.get("token").asText();
      return valid(offered).thenApply(ok -> {
        if (ok) {
          token.set(offered);
          authed.set(true);
          replies.offer(reply("welcome", null));
        } else {
          replies.offer(reply("error", "unauthorized"));
          replies.complete();
        }
        return "";
      });
    }
    switch (type) {
      case "auth" -> replies.offer(reply("welcome", null));
      case "ping" -> replies.offer(reply("pong", null));
      case "subscribe", "unsubscribe" -> {
        String topic = message.path("topic").asText("");
        if (!LiveHub.TOPICS.contains(topic)) {
          replies.offer(reply("error", "unknown topic \"" + topic + "\", expected one of " + new java.util.TreeSet<>(LiveHub.TOPICS)));
          return done();
        }
        String key = message.path("key").isTextual() ? message.get("key").asText() : "*";
        String entry = topic + "\u0000" + key;
        SubscriptionCheck check = subscriptionCheck;
        if (type.equals("subscribe") && check != null) {
          return check.refusal(token.get(), topic, key).thenApply(refused -> {
            if (refused.isPresent()) {
              replies.offer(reply("error", refused.get()));
            } else {
              subscribe(type, topic, key, entry, subscriptions, outbox, replies);
            }
            return "";
          });
        }
        subscribe(type, topic, key, entry, subscriptions, outbox, replies);
      }
      default -> replies.offer(reply("error", "unknown message type \"" + type + "\""));
    }
    return done();
  }

  private void subscribe(String type, String topic, String key, String entry, Set<String> subscriptions, LiveOutbox outbox,
      Replies replies) {
    if (type.equals("subscribe")) {
      if (subscriptions.size() >= settings.maxSubscriptions() && !subscriptions.contains(entry)) {
        replies.offer(reply("error", "at most " + settings.maxSubscriptions() + " subscriptions per connection"));
        return;
      }
      subscriptions.add(entry);
      hub.subscribe(outbox, entry);
    } else {
      subscriptions.remove(entry);
      hub.unsubscribe(outbox, entry);
    }
    ObjectNode ack = context.json().createObjectNode().put("type", type.equals("subscribe") ? "subscribed" : "unsubscribed")
        .put("topic", topic).put("key", key);
    replies.offer(ack.toString());
  }

  private static CompletionStage<String> done() {
    return CompletableFuture.completedFuture("");
  }

  private String reply(String type, String message) {
    ObjectNode node = context.json().createObjectNode().put("type", type);
    if (message != null) {
      node.put("message", message);
    }
    return node.toString();
  }
}
