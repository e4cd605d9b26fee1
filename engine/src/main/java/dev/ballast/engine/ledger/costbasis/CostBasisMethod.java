package dev.ballast.engine.ledger.costbasis;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CostMethod;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A way to cost what leaves a holding, over the movements of an account's transactions
 * (docs/ledger.md#cost-basis-methods). Pure: the same entries give the same result. Every method
 * moves the same quantities; they differ only in cost. Entries are expected to come from
 * transactions the ledger accepted (enough held, gains measurable). Nothing is guessed: a cost
 * that is not known in the account currency stays unknown.
 */
public sealed interface CostBasisMethod permits Fifo, MovingAverage, TotalAverage {

  /** The zone whose calendar years the total average method uses when none is given. */
  ZoneId DEFAULT_YEAR_ZONE = ZoneId.of("Asia/Tokyo");

  CostMethod method();

  /**
   * Costs {@code entries} (one account's, in ledger order).
   *
   * @param asOf when the result is wanted: under the total average method, disposals of a year
   *     that ends after it are provisional; null when not known, and then the year of the last
   *     entry is taken as not complete
   */
  CostBasis costs(AssetId accountCurrency, List<Entry> entries, Instant asOf);

  /** The method for a setting; the total average uses calendar years in {@link #DEFAULT_YEAR_ZONE}. */
  static CostBasisMethod of(CostMethod method) {
    return of(method, DEFAULT_YEAR_ZONE);
  }

  /** The method for a setting; {@code yearZone} is whose calendar years the total average uses. */
  static CostBasisMethod of(CostMethod method, ZoneId yearZone) {
    return switch (method) {
      case FIFO -> new Fifo();
      case AVERAGE -> new MovingAverage();
      case TOTAL_AVERAGE -> new TotalAverage(yearZone);
    };
  }
}
