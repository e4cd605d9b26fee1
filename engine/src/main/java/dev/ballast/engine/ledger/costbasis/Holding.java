package dev.ballast.engine.ledger.costbasis;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import java.math.BigDecimal;

/**
 * What is open of one asset under a method.
 *
 * @param quantity units held (negative for a short position); for fiat, the cash balance
 * @param cost their cost in the account currency (negative for a short position); null when
 *     unknown, and always null for fiat cash, which is a balance and has no cost basis
 */
public record Holding(AssetId asset, BigDecimal quantity, Money cost) {}
