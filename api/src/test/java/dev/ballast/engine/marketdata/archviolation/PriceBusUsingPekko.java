package dev.ballast.engine.marketdata.archviolation;

import org.apache.pekko.actor.typed.ActorSystem;

/** Keeps PORTS_AND_THEIR_VALUES_ARE_PLAIN_JAVA: stream machinery (a plain class) beside the ports may use Pekko. */
public final class PriceBusUsingPekko {
  private final ActorSystem<Void> system;

  public PriceBusUsingPekko(ActorSystem<Void> system) {
    this.system = system;
  }

  public ActorSystem<Void> system() {
    return system;
  }
}
