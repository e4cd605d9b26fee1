package dev.ballast.engine.model.archviolation;

import org.apache.pekko.actor.typed.ActorRef;

/** Breaks MODEL_LEDGER_AND_ANALYTICS_DO_NOT_USE_PEKKO on purpose. */
public record ModelHoldingAnActorRef(ActorRef<String> replyTo) {}
