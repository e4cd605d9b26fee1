package dev.ballast.engine.ledger;

/** Why units left a position; decides whether the leaving realizes a gain or loss. */
public enum Disposal {
  /** Sold or exchanged: realizes proceeds minus cost. */
  SALE,
  /** Paid away as a fee: realizes a loss of the cost, with no proceeds. */
  FEE,
  /** Moved out of the account (withdrawal, transfer): no gain or loss; the lots leave as they are. */
  TRANSFER
}
