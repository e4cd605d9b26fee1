package dev.ballast.engine.model;

/**
 * The tax treatment of an account. The Japanese ones: NISA (tax free), SPECIFIC (tokutei kouza, the
 * broker withholds), GENERAL (ippan kouza, self-reported). TAXABLE/TAX_FREE/TAX_DEFERRED cover
 * others.
 */
public enum TaxWrapper {
  NISA,
  SPECIFIC,
  GENERAL,
  TAXABLE,
  TAX_FREE,
  TAX_DEFERRED
}
