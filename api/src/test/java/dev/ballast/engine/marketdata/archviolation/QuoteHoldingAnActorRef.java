package dev.ballast.engine.marketdata.archviolation;

import org.apache.pekko.actor.typed.ActorRef;

/** Breaks PORTS_AND_THEIR_VALUES_ARE_PLAIN_JAVA on purpose: a market data value naming an actor. */
public record QuoteHoldingAnActorRef(String instrument, ActorRef<String> subscriber) {}
