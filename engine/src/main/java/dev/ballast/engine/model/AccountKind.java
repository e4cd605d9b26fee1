package dev.ballast.engine.model;

/** Where an account lives. */
public enum AccountKind {
  EXCHANGE,
  WALLET,
  BROKER,
  BANK,
  MANUAL
}
