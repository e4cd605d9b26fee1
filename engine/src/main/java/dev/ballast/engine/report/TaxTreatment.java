package dev.ballast.engine.report;

import dev.ballast.engine.model.TaxWrapper;

/** Whether the realized gains of an account are taxed in the year they are made. */
public enum TaxTreatment {
  /** Taxed when realized (specific, general and other taxable accounts). */
  TAXED,
  /** Never taxed: NISA in any of its forms, or another tax-free wrapper. */
  UNTAXED,
  /** Taxed later, on withdrawal from the wrapper, not when realized inside it. */
  DEFERRED;

  public static TaxTreatment of(TaxWrapper wrapper) {
    if (wrapper == null) {
      return TAXED;
    }
    return switch (wrapper) {
      case NISA, NISA_GROWTH, NISA_TSUMITATE, TAX_FREE -> UNTAXED;
      case TAX_DEFERRED -> DEFERRED;
      case SPECIFIC, GENERAL, TAXABLE -> TAXED;
    };
  }
}
