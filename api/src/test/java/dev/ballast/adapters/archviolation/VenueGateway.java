package dev.ballast.adapters.archviolation;

/** Breaks PORTS_ARE_INTERFACES_IN_THE_ENGINE on purpose: a port declared outside the engine. */
public interface VenueGateway {}
