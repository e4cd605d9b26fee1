package dev.ballast.engine.model;

/** What kind of thing an asset is; targets and reports group by it. */
public enum AssetClass {
  CRYPTO,
  STABLECOIN,
  EQUITY,
  ETF,
  FUND,
  BOND,
  CASH,
  FX
}
