package dev.ballast.adapters.archviolation;

import org.apache.pekko.actor.typed.ActorRef;

/** Breaks ADAPTERS_STAY_OUT_OF_ENTITIES_AND_ACTORS on purpose: an adapter that sends to an actor. */
public record AdapterHoldingAnActor(ActorRef<String> ledger) {}
