package dev.ballast.engine.ledger;

import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Checks one transaction on its own (before it meets the ledger): required fields per type, signs,
 * known assets, FX rate, and a timestamp that is not in the future. Each problem names its field.
 */
public final class TransactionValidator {
  private final AssetId accountCurrency;
  private final Predicate<AssetId> knownAsset;
  private final Duration futureTolerance;

  public TransactionValidator(AssetId accountCurrency, Predicate<AssetId> knownAsset, Duration futureTolerance) {
    this.accountCurrency = accountCurrency;
    this.knownAsset = knownAsset;
    this.futureTolerance = futureTolerance;
  }

  public List<FieldError> validate(int row, Transaction tx, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    Check check = new Check(row, errors);
    if (tx == null) {
      check.fail("transaction", "is missing");
      return errors;
    }
    check.require("type", tx.type());
    check.require("timestamp", tx.timestamp());
    check.require("asset", tx.asset());
    if (tx.source() == null || tx.source().isBlank()) {
      check.fail("source", "is required (where the record comes from, e.g. rakuten-csv)");
    }
    if (tx.externalId() == null || tx.externalId().isBlank()) {
      check.fail("externalId", "is required (the record's id at its source)");
    }
    if (tx.timestamp() != null && tx.timestamp().isAfter(now.plus(futureTolerance))) {
      check.fail("timestamp", tx.timestamp() + " is in the future (now is " + now + ")");
    }
    if (tx.asset() != null && !known(tx.asset())) {
      check.fail("asset", "unknown asset " + tx.asset() + "; register it first");
    }
    if (tx.type() == null || tx.asset() == null) {
      return errors;
    }
    TransactionType type = tx.type();
    switch (type) {
      case BUY, SELL -> {
        check.positive("quantity", tx.quantity() == null ? null : tx.quantity().value());
        if (check.require("price", tx.price())) {
          check.notNegative("price", tx.price().value());
          checkCurrency(check, "price", tx.price().currency());
          if (tx.price().currency().equals(tx.asset())) {
            check.fail("price", "is in " + tx.asset() + ", the asset traded itself");
          }
        }
        if (type == TransactionType.BUY && tx.fee() != null && tx.quantity() != null && tx.fee().currency().equals(tx.asset())
            && tx.fee().amount().compareTo(tx.quantity().value()) >= 0) {
          check.fail("fee", "a fee of " + tx.fee() + " taken from the coins bought leaves nothing of " + tx.quantity() + " " + tx.asset());
        }
      }
      case DEPOSIT, WITHDRAWAL, TRANSFER_IN, TRANSFER_OUT, STAKING_REWARD, FEE, TAX -> {
        check.positive("quantity", tx.quantity() == null ? null : tx.quantity().value());
        if (tx.price() != null) {
          check.notNegative("price", tx.price().value());
          checkCurrency(check, "price", tx.price().currency());
        }
        if ((type == TransactionType.TRANSFER_IN || type == TransactionType.TRANSFER_OUT)
            && (tx.transferId() == null || tx.transferId().isBlank())) {
          check.fail("transferId", "is required for " + type + " (it links the two legs)");
        }
      }
      case DIVIDEND, INTEREST -> {
        if (check.require("amount", tx.amount())) {
          check.positive("amount", tx.amount().amount());
          checkCurrency(check, "amount", tx.amount().currency());
        }
        if (tx.quantity() != null) {
          check.positive("quantity", tx.quantity().value());
        }
      }
      case SPLIT -> {
        check.positive("splitRatio", tx.splitRatio());
        if (tx.asset().isFiat()) {
          check.fail("asset", "a currency cannot split");
        }
      }
    }
    checkCharge(check, "fee", tx.fee());
    checkCharge(check, "tax", tx.tax());
    if (tx.fxRate() != null) {
      check.positive("fxRate", tx.fxRate());
      AssetId quoted = tx.price() != null ? tx.price().currency() : tx.amount() != null ? tx.amount().currency() : null;
      if (quoted != null && quoted.equals(accountCurrency) && tx.fxRate().compareTo(BigDecimal.ONE) != 0) {
        check.fail("fxRate", "must be 1 or absent: the price is already in the account currency " + accountCurrency);
      }
    }
    return errors;
  }

  private boolean known(AssetId asset) {
    return asset.isFiat() || knownAsset.test(asset);
  }

  private void checkCurrency(Check check, String field, AssetId currency) {
    if (!known(currency)) {
      check.fail(field, "unknown currency or asset " + currency);
    }
  }

  private void checkCharge(Check check, String field, Money money) {
    if (money != null) {
      check.notNegative(field, money.amount());
      checkCurrency(check, field, money.currency());
    }
  }

  private record Check(int row, List<FieldError> errors) {
    void fail(String field, String message) {
      errors.add(new FieldError(row, field, message));
    }

    boolean require(String field, Object value) {
      if (value == null) {
        fail(field, "is required");
        return false;
      }
      return true;
    }

    void positive(String field, BigDecimal value) {
      if (require(field, value) && value.signum() <= 0) {
        fail(field, "must be greater than zero, got " + value.toPlainString());
      }
    }

    void notNegative(String field, BigDecimal value) {
      if (value.signum() < 0) {
        fail(field, "must not be negative, got " + value.toPlainString());
      }
    }
  }
}
