package dev.ballast.api.http;

import dev.ballast.engine.model.AccountKind;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.TaxWrapper;
import dev.ballast.engine.model.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON bodies the API accepts. */
public final class Requests {
  private Requests() {}

  public record CreatePortfolio(String id, String name, AssetId baseCurrency) {}

  public record AttachAccount(String accountId) {}

  public record CreateAccount(
      String id, String name, AccountKind kind, String provider, AssetId currency, TaxWrapper taxWrapper, Boolean allowShort) {}

  public record TransactionBatch(List<Transaction> transactions) {}

  public record BalanceReport(String source, Instant asOf, Map<AssetId, BigDecimal> balances) {}
}
