package dev.ballast.engine.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One record of an account's history, as a statement or a venue reports it. Which fields a type
 * uses is written in docs/ledger.md; {@link dev.ballast.engine.ledger.TransactionValidator} checks
 * them and names the field that is wrong.
 *
 * @param quantity units of {@code asset} (for FEE and TAX: the amount charged in {@code asset})
 * @param price price per unit; its currency is the currency the trade settles in
 * @param amount gross cash of a DIVIDEND or INTEREST, in the currency credited
 * @param fee commission, in any asset (the price currency, the traded asset, or a third one)
 * @param tax tax withheld, in a currency
 * @param fxRate how much one unit of the price currency (of the amount currency, for income) is
 *     worth in the account currency at the time; null when unknown
 * @param transferId links the two legs of a transfer between accounts
 * @param splitRatio new units per old unit, for SPLIT (2 for a 2-for-1 split)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Transaction(
    TransactionType type,
    Instant timestamp,
    AssetId asset,
    Quantity quantity,
    Price price,
    Money amount,
    Money fee,
    Money tax,
    BigDecimal fxRate,
    String transferId,
    BigDecimal splitRatio,
    String source,
    String externalId,
    String note) {

  @JsonIgnore
  public ExternalRef ref() {
    return new ExternalRef(source, externalId);
  }

  /** A builder, as most transactions set only a few fields. */
  public static Builder builder(TransactionType type) {
    return new Builder(type);
  }

  /** Fluent construction of a {@link Transaction}, used by importers, the CLI and tests. */
  public static final class Builder {
    private final TransactionType type;
    private Instant timestamp;
    private AssetId asset;
    private Quantity quantity;
    private Price price;
    private Money amount;
    private Money fee;
    private Money tax;
    private BigDecimal fxRate;
    private String transferId;
    private BigDecimal splitRatio;
    private String source;
    private String externalId;
    private String note;

    private Builder(TransactionType type) {
      this.type = type;
    }

    public Builder at(Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    public Builder asset(String asset) {
      this.asset = AssetId.of(asset);
      return this;
    }

    public Builder asset(AssetId asset) {
      this.asset = asset;
      return this;
    }

    public Builder quantity(String quantity) {
      this.quantity = Quantity.of(quantity);
      return this;
    }

    public Builder quantity(Quantity quantity) {
      this.quantity = quantity;
      return this;
    }

    public Builder price(String value, String currency) {
      this.price = Price.of(value, currency);
      return this;
    }

    public Builder price(Price price) {
      this.price = price;
      return this;
    }

    public Builder amount(String value, String currency) {
      this.amount = Money.of(value, currency);
      return this;
    }

    public Builder amount(Money amount) {
      this.amount = amount;
      return this;
    }

    public Builder fee(String value, String currency) {
      this.fee = Money.of(value, currency);
      return this;
    }

    public Builder fee(Money fee) {
      this.fee = fee;
      return this;
    }

    public Builder tax(String value, String currency) {
      this.tax = Money.of(value, currency);
      return this;
    }

    public Builder tax(Money tax) {
      this.tax = tax;
      return this;
    }

    public Builder fxRate(String fxRate) {
      this.fxRate = new BigDecimal(fxRate);
      return this;
    }

    public Builder fxRate(BigDecimal fxRate) {
      this.fxRate = fxRate;
      return this;
    }

    public Builder transferId(String transferId) {
      this.transferId = transferId;
      return this;
    }

    public Builder splitRatio(String splitRatio) {
      this.splitRatio = new BigDecimal(splitRatio);
      return this;
    }

    public Builder ref(String source, String externalId) {
      this.source = source;
      this.externalId = externalId;
      return this;
    }

    public Builder note(String note) {
      this.note = note;
      return this;
    }

    public Transaction build() {
      return new Transaction(
          type, timestamp, asset, quantity, price, amount, fee, tax, fxRate, transferId, splitRatio,
          source, externalId, note);
    }
  }
}
