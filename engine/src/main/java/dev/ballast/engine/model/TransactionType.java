package dev.ballast.engine.model;

/** What a transaction did. docs/ledger.md says which fields each type uses. */
public enum TransactionType {
  BUY,
  SELL,
  DEPOSIT,
  WITHDRAWAL,
  TRANSFER_IN,
  TRANSFER_OUT,
  DIVIDEND,
  INTEREST,
  STAKING_REWARD,
  FEE,
  TAX,
  SPLIT
}
