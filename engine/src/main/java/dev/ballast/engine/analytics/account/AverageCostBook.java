package dev.ballast.engine.analytics.account;

import dev.ballast.engine.ledger.Disposal;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Transaction;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Moving average cost (移動平均法) of one account's non-cash assets, in the account currency
 * (docs/metrics.md#account-metrics). Per asset it keeps a quantity and a total cost; the average
 * is total cost / quantity. Pure and immutable: {@link #apply} returns a new book and the
 * realizations the transaction made.
 *
 * <p>The movements are those of {@link dev.ballast.engine.ledger.LedgerBook} (docs/ledger.md), so
 * quantities always equal the ledger's; only the cost of what leaves differs. Transactions are
 * expected to have been accepted by the ledger first (enough held, valid fields). Fiat currencies
 * are cash balances there and are not tracked here.
 *
 * <ul>
 *   <li>An acquisition (buy, priced deposit or transfer in, priced staking reward, the proceeds
 *       asset of a crypto sale) adds its cost in the account currency, a fee in the price currency
 *       included; a buy fee in the asset bought means fewer units for the same cost.
 *   <li>A sale realizes its proceeds net of a fee in the price currency minus average x quantity
 *       sold, and takes average x quantity off the total cost.
 *   <li>A withdrawal or transfer out takes average x quantity off the cost without P&L.
 *   <li>A fee or tax paid in the asset is a disposal at zero proceeds: a realized loss of average x
 *       quantity.
 *   <li>A split multiplies the quantity and keeps the total cost.
 *   <li>A cost that is not known in the account currency (received without a price, or priced in
 *       another currency without fxRate) makes the asset's total cost unknown until its quantity
 *       returns to zero; a disposal of it realizes an unknown P&L. Nothing is guessed.
 *   <li>Short positions (accounts allowing them) mirror this: a short sale adds its proceeds as a
 *       negative cost, a buy closing it realizes average proceeds minus what the buy cost.
 * </ul>
 */
public final class AverageCostBook {
    private static final MathContext PRECISION = MathContext.DECIMAL128;

    /**
     * One asset's holding.
     *
     * @param cost total cost in the account currency (negative for a short position); null when unknown
     */
    public record Holding(BigDecimal quantity, BigDecimal cost) {
        static final Holding NONE = new Holding(BigDecimal.ZERO, BigDecimal.ZERO);

        /** Cost per unit in the account currency; null when unknown or nothing is held. */
        public BigDecimal average() {
            return cost == null || quantity.signum() == 0 ? null : cost.divide(quantity, PRECISION);
        }
    }

    /**
     * Units leaving a holding against its average cost.
     *
     * @param quantity units that left (positive when a long holding shrank, negative for a short one)
     * @param cost average x quantity, in the account currency; null when the average is unknown
     * @param proceeds what they brought in the account currency (zero for a fee); null when unknown
     * @param pnl {@code proceeds - cost}; null when either is unknown
     */
    public record Realization(
            AssetId asset, Disposal disposal, String closedBy, Instant closedAt,
            BigDecimal quantity, BigDecimal cost, BigDecimal proceeds, BigDecimal pnl) {}

    /** The book after one transaction and the sales and fee disposals it realized (transfers realize nothing). */
    public record Applied(AverageCostBook book, List<Realization> realized) {}

    private final AssetId accountCurrency;
    private final Map<AssetId, Holding> holdings;

    private AverageCostBook(AssetId accountCurrency, Map<AssetId, Holding> holdings) {
        this.accountCurrency = accountCurrency;
        this.holdings = holdings;
    }

    public static AverageCostBook empty(AssetId accountCurrency) {
        return new AverageCostBook(accountCurrency, Map.of());
    }

    /** Holdings per asset, sorted; assets sold out stay with quantity and cost zero. */
    public Map<AssetId, Holding> holdings() {
        return holdings;
    }

    public Holding holding(AssetId asset) {
        return holdings.getOrDefault(asset, Holding.NONE);
    }

    /** Applies one transaction the ledger accepted. */
    public Applied apply(String transactionId, Transaction tx) {
        return new Step(this, transactionId, tx).run();
    }

    /** One application: mutable, confined to one call. */
    private static final class Step {
        private final AverageCostBook book;
        private final String id;
        private final Transaction tx;
        private final Map<AssetId, Holding> holdings;
        private final List<Realization> realized = new ArrayList<>();

        Step(AverageCostBook book, String id, Transaction tx) {
            this.book = book;
            this.id = id;
            this.tx = tx;
            this.holdings = new TreeMap<>(book.holdings);
        }

        Applied run() {
            switch (tx.type()) {
                case BUY -> trade(1);
                case SELL -> trade(-1);
                case DEPOSIT, TRANSFER_IN -> {
                    BigDecimal units = tx.quantity().value();
                    if (tx.price() == null) {
                        move(tx.asset(), units, null, Disposal.SALE);
                    } else {
                        move(tx.asset(), units, inAccount(tx.price().value().multiply(units).negate(), tx.price().currency()), Disposal.SALE);
                    }
                    charge(tx.fee());
                }
                case WITHDRAWAL, TRANSFER_OUT -> {
                    move(tx.asset(), tx.quantity().value().negate(), null, Disposal.TRANSFER);
                    charge(tx.fee());
                }
                case DIVIDEND, INTEREST -> {
                    // paid in a non-cash asset, the ledger opens a lot of unknown cost: so does this
                    move(tx.amount().currency(), tx.amount().amount(), null, Disposal.SALE);
                    charge(tx.tax());
                    charge(tx.fee());
                }
                case STAKING_REWARD -> {
                    BigDecimal units = tx.quantity().value();
                    BigDecimal value = tx.price() == null ? null
                            : inAccount(tx.price().value().multiply(units).negate(), tx.price().currency());
                    move(tx.asset(), units, value, Disposal.SALE);
                    charge(tx.fee());
                }
                case FEE, TAX -> charge(new Money(tx.quantity().value(), tx.asset()));
                case SPLIT -> {
                    Holding h = holdings.get(tx.asset());
                    if (h != null) {
                        holdings.put(tx.asset(), new Holding(h.quantity().multiply(tx.splitRatio()), h.cost()));
                    }
                }
            }
            return new Applied(new AverageCostBook(book.accountCurrency, Collections.unmodifiableMap(holdings)), List.copyOf(realized));
        }

        /** BUY (side 1) or SELL (side -1), as LedgerBook moves them. */
        private void trade(int side) {
            BigDecimal units = tx.quantity().value();
            AssetId settle = tx.price().currency();
            BigDecimal gross = tx.price().value().multiply(units);
            Money fee = tx.fee();
            BigDecimal feeInSettle = fee != null && fee.currency().equals(settle) ? fee.amount() : BigDecimal.ZERO;
            boolean feeInAsset = fee != null && fee.currency().equals(tx.asset()) && fee.signum() != 0;
            // what flowed in, in the settlement currency: -(cost + fee) for a buy, proceeds - fee for a sale
            BigDecimal value = side > 0 ? gross.add(feeInSettle).negate() : gross.subtract(feeInSettle);
            BigDecimal assetUnits = side > 0 ? units : units.negate();
            if (side > 0 && feeInAsset) {
                assetUnits = assetUnits.subtract(fee.amount()); // fewer coins received, same cost
            }
            BigDecimal valueInAccount = inAccount(value, settle);
            move(tx.asset(), assetUnits, valueInAccount, Disposal.SALE);
            // crypto to crypto: the settlement asset leaves (buy) or arrives (sale) at the same value
            move(settle, value, valueInAccount == null ? null : valueInAccount.negate(), Disposal.SALE);
            if (fee != null && feeInSettle.signum() == 0 && !(side > 0 && feeInAsset)) {
                charge(fee);
            }
            charge(tx.tax());
        }

        /** A fee or tax paid in a non-cash asset: a disposal at zero proceeds. */
        private void charge(Money money) {
            if (money == null || money.signum() == 0) {
                return;
            }
            move(money.currency(), money.amount().negate(), BigDecimal.ZERO, Disposal.FEE);
        }

        /**
         * Moves {@code units} (signed) of an asset against {@code value} in the account currency
         * (signed, what flowed in: -cost of an acquisition, +proceeds of a sale; null when unknown).
         */
        private void move(AssetId asset, BigDecimal units, BigDecimal value, Disposal disposal) {
            if (asset.isFiat() || units.signum() == 0) {
                return;
            }
            Holding h = holdings.getOrDefault(asset, Holding.NONE);
            BigDecimal quantity = h.quantity();
            BigDecimal cost = h.cost();
            BigDecimal total = units.abs();
            BigDecimal valueLeft = value;
            BigDecimal unitsLeft = units;
            if (quantity.signum() != 0 && quantity.signum() != units.signum()) {
                // closing against the average: all of it, or as much as is held
                BigDecimal take = total.min(quantity.abs());
                boolean all = take.compareTo(quantity.abs()) == 0;
                BigDecimal closedQuantity = quantity.signum() > 0 ? take : take.negate();
                BigDecimal closedCost = cost == null ? null
                        : all ? cost : cost.multiply(take).divide(quantity.abs(), PRECISION);
                BigDecimal portion = value == null ? null
                        : take.compareTo(total) == 0 ? value : value.multiply(take).divide(total, PRECISION);
                valueLeft = minus(value, portion);
                unitsLeft = units.signum() > 0 ? units.subtract(take) : units.add(take);
                quantity = quantity.subtract(closedQuantity);
                // sold out, the cost is exactly zero again, known or not before
                cost = all ? BigDecimal.ZERO : minus(cost, closedCost);
                if (disposal != Disposal.TRANSFER) {
                    BigDecimal proceeds = disposal == Disposal.FEE ? BigDecimal.ZERO : portion;
                    realized.add(new Realization(asset, disposal, id, tx.timestamp(), closedQuantity, closedCost,
                            proceeds, minus(proceeds, closedCost)));
                }
            }
            if (unitsLeft.signum() != 0) {
                // opening or adding to the holding (or what is left after closing a short, and the reverse)
                quantity = quantity.add(unitsLeft);
                cost = valueLeft == null ? null : minus(cost, valueLeft);
            }
            holdings.put(asset, new Holding(quantity, cost));
        }

        /** A value in the account currency, or null when it cannot be known. */
        private BigDecimal inAccount(BigDecimal value, AssetId currency) {
            if (currency.equals(book.accountCurrency)) {
                return value;
            }
            return tx.fxRate() == null ? null : value.multiply(tx.fxRate());
        }

        private static BigDecimal minus(BigDecimal a, BigDecimal b) {
            return a == null || b == null ? null : a.subtract(b);
        }
    }
}
