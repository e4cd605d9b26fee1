package dev.ballast.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * What every route class shares: the entities, the JSON writer (the server's mapper) and the strict
 * body reader, the ask timeout and the dispatcher for blocking reads.
 */
public record ApiContext(ClusterSharding sharding, ObjectMapper json, ApiJson bodies, Duration askTimeout, Executor blocking) {

  public static ApiContext of(ActorSystem<?> system, ObjectMapper json, Duration askTimeout) {
    return new ApiContext(ClusterSharding.get(system), json, new ApiJson(json), askTimeout,
        system.dispatchers().lookup(DispatcherSelector.blocking()));
  }
}
