package dev.ballast.engine.report;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CostMethod;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.TaxWrapper;
import java.util.List;

/**
 * The realized gains of one account in one tax year.
 *
 * @param total sum of the known P&L of the lines, in the account currency
 * @param totalJpy sum of the lines' P&L in JPY; it leaves out {@code unmeasured} and {@code withoutRate} lines
 * @param unmeasured lines whose P&L is unknown (a cost received without a price, no FX rate at the trade)
 * @param withoutRate lines with a known P&L but no stored rate to JPY on their trade date
 * @param provisional lines whose cost may still change (total average, year not complete)
 */
public record AccountGains(
    String accountId, String accountName, TaxWrapper wrapper, TaxTreatment treatment, CostMethod method, AssetId currency,
    int year, List<GainLine> lines, Money total, Money totalJpy, int unmeasured, int withoutRate, int provisional) {
  public AccountGains {
    lines = List.copyOf(lines);
  }
}
