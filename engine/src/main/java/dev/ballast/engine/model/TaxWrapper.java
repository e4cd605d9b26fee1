package dev.ballast.engine.model;

/**
 * The tax treatment of an account. The Japanese ones: NISA (tax free), SPECIFIC (tokutei kouza, the
 * broker withholds), GENERAL (ippan kouza, self-reported). TAXABLE/TAX_FREE/TAX_DEFERRED cover
 * others. NISA_GROWTH and NISA_TSUMITATE are the two allowances of the NISA since 2024
 * (成長投資枠, つみたて投資枠), which a broker keeps as separate account types; NISA is the older one.
 */
public enum TaxWrapper {
  NISA,
  SPECIFIC,
  GENERAL,
  TAXABLE,
  TAX_FREE,
  TAX_DEFERRED,
  NISA_GROWTH,
  NISA_TSUMITATE
}
