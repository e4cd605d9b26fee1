package dev.ballast.engine.archviolation;

/** Breaks PORTS_ARE_INTERFACES_IN_THE_ENGINE on purpose: a port that is a class. */
public class PriceSource {}
