package dev.ballast.engine.analytics.account;

import dev.ballast.engine.analytics.trades.HoldingPeriods;
import dev.ballast.engine.analytics.trades.RoundTrip;
import dev.ballast.engine.analytics.trades.TradeStatistics;
import dev.ballast.engine.ledger.Disposal;
import dev.ballast.engine.ledger.LedgerBook;
import dev.ballast.engine.ledger.LedgerRejection;
import dev.ballast.engine.ledger.Movements;
import dev.ballast.engine.ledger.RealizedLot;
import dev.ballast.engine.ledger.costbasis.CostBasis;
import dev.ballast.engine.ledger.costbasis.CostBasisMethod;
import dev.ballast.engine.ledger.costbasis.Entry;
import dev.ballast.engine.ledger.costbasis.Realized;
import dev.ballast.engine.model.AccountSpec;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CostMethod;
import dev.ballast.engine.model.Decimals;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.TransactionType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Realized and unrealized P&L, totals of fees, taxes and income, and trade statistics of one
 * account over a window, from its recorded transactions replayed through the {@link LedgerBook}
 * (which checks them and gives the totals and the FIFO round trips) and their {@link Movements}
 * costed by a {@link CostBasisMethod}. Pure: the caller reads the ledger and supplies the prices
 * (docs/metrics.md#account-metrics).
 *
 * @param method how the cost of what leaves a position is measured; only the realized and
 *     unrealized P&L and the positions' cost depend on it
 * @param realizedPnl sum of the realized P&L (account currency) of every disposal inside the
 *     window by a sale or by paying units away as a fee, where that P&L is known: per lot closed
 *     (FIFO), per disposal at the moving average (AVERAGE) or at the year's total average
 *     (TOTAL_AVERAGE)
 * @param unmeasuredClosings those disposals inside the window whose account-currency P&L is
 *     unknown (no FX rate, or the cost is unknown); left out of {@code realizedPnl}
 * @param provisionalClosings those disposals counted in {@code realizedPnl} whose cost may still
 *     change: under TOTAL_AVERAGE, disposals of a year not complete at the end of the window
 * @param unrealizedPnl sum over the positions open at the end; empty when any is unknown
 * @param positions per asset: open at the end of the window, or realized inside it
 * @param fees fees charged inside the window, by the currency or asset they were paid in
 * @param taxes taxes charged inside the window, by currency
 * @param income income inside the window, by type (DIVIDEND, INTEREST, STAKING_REWARD) and currency;
 *     staking rewards without a price have no known value and are not in it
 * @param trades statistics over the FIFO round trips closed inside the window by a sale whose P&L
 *     is known in the account currency, whatever the {@code method}
 */
public record AccountMetrics(
        AssetId accountCurrency,
        CostMethod method,
        Window window,
        BigDecimal realizedPnl,
        int unmeasuredClosings,
        int provisionalClosings,
        Optional<BigDecimal> unrealizedPnl,
        List<PositionPnl> positions,
        Map<AssetId, BigDecimal> fees,
        Map<AssetId, BigDecimal> taxes,
        Map<TransactionType, Map<AssetId, BigDecimal>> income,
        TradeStatistics trades) {

    /** How round trips for the trade statistics are matched, whatever the cost method: as the ledger, FIFO. */
    public static final String TRADES_MATCHING = "FIFO";

    public AccountMetrics {
        positions = List.copyOf(positions);
        fees = Collections.unmodifiableMap(new TreeMap<>(fees));
        taxes = Collections.unmodifiableMap(new TreeMap<>(taxes));
        Map<TransactionType, Map<AssetId, BigDecimal>> byType = new EnumMap<>(TransactionType.class);
        income.forEach((type, amounts) -> byType.put(type, Collections.unmodifiableMap(new TreeMap<>(amounts))));
        income = Collections.unmodifiableMap(byType);
    }

    /** The metrics of an account with FIFO cost (docs/metrics.md#account-metrics). */
    public static AccountMetrics of(
            AssetId accountCurrency, boolean allowShort, List<LedgerEntry> ledger, Window window, Map<AssetId, BigDecimal> prices) {
        return of(accountCurrency, allowShort, ledger, window, prices, CostMethod.FIFO);
    }

    /**
     * The metrics of an account under the cost method given, or the account's own when
     * {@code method} is null (docs/metrics.md#account-metrics).
     */
    public static AccountMetrics of(
            AccountSpec account, List<LedgerEntry> ledger, Window window, Map<AssetId, BigDecimal> prices, CostMethod method) {
        return of(account.currency(), account.allowShort(), ledger, window, prices, method == null ? account.costMethod() : method);
    }

    /** As {@link #of(AssetId, boolean, List, Window, Map, CostBasisMethod)} with the method's default settings. */
    public static AccountMetrics of(
            AssetId accountCurrency, boolean allowShort, List<LedgerEntry> ledger, Window window, Map<AssetId, BigDecimal> prices,
            CostMethod method) {
        return of(accountCurrency, allowShort, ledger, window, prices, CostBasisMethod.of(method));
    }

    /**
     * The metrics of an account (docs/metrics.md#account-metrics).
     *
     * @param accountCurrency the account's currency, which every P&L is measured in
     * @param allowShort whether the account may hold short positions (as the ledger was told)
     * @param ledger every recorded transaction of the account in ledger order
     * @param window what counts: closings, fees, taxes and income inside it; the book at its end
     * @param prices price per unit in the account currency of the assets whose unrealized P&L is wanted
     * @param method the cost method of the realized and unrealized P&L
     * @throws IllegalArgumentException when a price is negative, or the ledger cannot be cut at the
     *     end of the window (a transaction inside it depends on one dated after it)
     */
    public static AccountMetrics of(
            AssetId accountCurrency, boolean allowShort, List<LedgerEntry> ledger, Window window, Map<AssetId, BigDecimal> prices,
            CostBasisMethod method) {
        prices.forEach((asset, price) -> {
            if (price == null || price.signum() < 0) {
                throw new IllegalArgumentException("price of " + asset + ": must be zero or more, got "
                        + (price == null ? "nothing" : price.toPlainString()));
            }
        });
        LedgerBook book = LedgerBook.empty(accountCurrency, allowShort);
        List<Entry> moved = new ArrayList<>();
        List<RoundTrip> trips = new ArrayList<>();
        Map<AssetId, BigDecimal> fees = new TreeMap<>();
        Map<AssetId, BigDecimal> taxes = new TreeMap<>();
        Map<TransactionType, Map<AssetId, BigDecimal>> income = new EnumMap<>(TransactionType.class);
        for (LedgerEntry entry : ledger) {
            Instant at = entry.transaction().timestamp();
            if (window.endsBefore(at)) {
                continue; // the book at the end of the window does not have it yet
            }
            LedgerBook.Applied applied;
            try {
                applied = book.apply(entry.transactionId(), entry.transaction());
            } catch (LedgerRejection e) {
                throw new IllegalArgumentException((window.until().isPresent() ? "to: the ledger cannot be cut at "
                        + window.until().get() + ": " : "the ledger does not replay: ") + "transaction "
                        + entry.transactionId() + ", field " + e.field() + ": " + e.getMessage(), e);
            }
            if (window.contains(at)) {
                addChanges(fees, book.fees(), applied.book().fees());
                addChanges(taxes, book.taxes(), applied.book().taxes());
                addChanges(income.computeIfAbsent(entry.transaction().type(), t -> new TreeMap<>()),
                        book.income(), applied.book().income());
            }
            // the trade statistics are FIFO round trips, whatever the cost method
            for (RealizedLot lot : applied.realized()) {
                if (window.contains(lot.closedAt()) && lot.pnlInAccount() != null && lot.disposal() == Disposal.SALE) {
                    trips.add(new RoundTrip(lot.asset().value(), accountCurrency.value(), lot.openedAt(), lot.closedAt(), lot.pnlInAccount().amount()));
                }
            }
            book = applied.book();
            moved.add(new Entry(entry.transactionId(), at, Movements.of(entry.transaction(), accountCurrency)));
        }
        income.values().removeIf(Map::isEmpty);
        CostBasis basis = method.costs(accountCurrency, moved, window.until().orElse(null));
        Map<AssetId, BigDecimal> realizedByAsset = new TreeMap<>();
        BigDecimal realized = BigDecimal.ZERO;
        int unmeasured = 0;
        int provisional = 0;
        for (Realized r : basis.realized()) {
            if (!window.contains(r.closedAt())) {
                continue;
            }
            if (r.pnl() == null) {
                unmeasured++;
                continue;
            }
            if (r.provisional()) {
                provisional++;
            }
            realized = realized.add(r.pnl().amount());
            realizedByAsset.merge(r.asset(), r.pnl().amount(), BigDecimal::add);
        }
        Map<AssetId, Open> open = new TreeMap<>();
        String unknownBecause = method.method() == CostMethod.FIFO
                ? "the cost of some %s lots is unknown (received without a price, or no FX rate)"
                : "the average cost of %s is unknown (some units were received without a price, or no FX rate)";
        basis.holdings().forEach((asset, h) -> {
            if (!asset.isFiat()) {
                open.put(asset, new Open(h.quantity(), Optional.ofNullable(h.cost()).map(Money::amount), unknownBecause.formatted(asset)));
            }
        });
        return assemble(accountCurrency, method.method(), window, realized, realizedByAsset, unmeasured, provisional, open, prices,
                fees, taxes, income, trips);
    }

    /** What is open of one asset at the end of the window, and its cost in the account currency under the method. */
    private record Open(BigDecimal quantity, Optional<BigDecimal> cost, String costUnknownBecause) {}

    private static AccountMetrics assemble(
            AssetId accountCurrency, CostMethod method, Window window, BigDecimal realized, Map<AssetId, BigDecimal> realizedByAsset,
            int unmeasured, int provisional, Map<AssetId, Open> open, Map<AssetId, BigDecimal> prices, Map<AssetId, BigDecimal> fees,
            Map<AssetId, BigDecimal> taxes, Map<TransactionType, Map<AssetId, BigDecimal>> income, List<RoundTrip> trips) {
        TreeSet<AssetId> assets = new TreeSet<>(realizedByAsset.keySet());
        open.forEach((asset, o) -> {
            if (o.quantity().signum() != 0) {
                assets.add(asset);
            }
        });
        List<PositionPnl> positions = new ArrayList<>();
        BigDecimal unrealized = BigDecimal.ZERO;
        boolean unrealizedKnown = true;
        for (AssetId asset : assets) {
            PositionPnl pnl = positionPnl(asset, open.getOrDefault(asset, new Open(BigDecimal.ZERO, Optional.empty(), "")),
                    Optional.ofNullable(prices.get(asset)), realizedByAsset.getOrDefault(asset, BigDecimal.ZERO));
            positions.add(pnl);
            if (pnl.quantity().signum() != 0) {
                if (pnl.unrealizedPnl().isPresent()) {
                    unrealized = unrealized.add(pnl.unrealizedPnl().get());
                } else {
                    unrealizedKnown = false;
                }
            }
        }
        return new AccountMetrics(accountCurrency, method, window, realized, unmeasured, provisional,
                unrealizedKnown ? Optional.of(unrealized) : Optional.empty(), positions, fees, taxes, income,
                TradeStatistics.of(trips));
    }

    /**
     * docs/metrics.md#account-metrics: market value at the given price minus the cost of what is
     * open under the method (the open lots for FIFO, the cost carried at the average otherwise).
     */
    private static PositionPnl positionPnl(AssetId asset, Open open, Optional<BigDecimal> price, BigDecimal realized) {
        BigDecimal quantity = open.quantity();
        Optional<BigDecimal> costInAccount = quantity.signum() == 0 ? Optional.empty() : open.cost();
        Optional<BigDecimal> marketValue = quantity.signum() == 0 ? Optional.empty() : price.map(quantity::multiply);
        Optional<BigDecimal> unrealized = marketValue.flatMap(v -> costInAccount.map(v::subtract));
        Optional<String> unknownBecause = Optional.empty();
        if (quantity.signum() != 0 && unrealized.isEmpty()) {
            unknownBecause = Optional.of(price.isEmpty()
                    ? "no price given for " + asset
                    : open.costUnknownBecause());
        }
        return new PositionPnl(asset, quantity, costInAccount, quantity.signum() == 0 ? Optional.empty() : price,
                marketValue, unrealized, unknownBecause, realized);
    }

    /** Adds to {@code into} what changed between two cumulative totals. */
    private static void addChanges(Map<AssetId, BigDecimal> into, Map<AssetId, BigDecimal> before, Map<AssetId, BigDecimal> after) {
        after.forEach((key, total) -> {
            BigDecimal change = total.subtract(before.getOrDefault(key, BigDecimal.ZERO));
            if (change.signum() != 0) {
                into.merge(key, change, BigDecimal::add);
            }
        });
    }

    /**
     * The metrics keyed by their names in docs/metrics.md#account-metrics, for a table or JSON:
     * amounts as plain decimal text, undefined values null, holding periods in days.
     */
    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account_currency", accountCurrency.value());
        m.put("method", method.name());
        m.put("from", window.from().map(Instant::toString).orElse(null));
        m.put("until", window.until().map(Instant::toString).orElse(null));
        m.put("realized_pnl", text(realizedPnl));
        m.put("unmeasured_closings", unmeasuredClosings);
        m.put("provisional_closings", provisionalClosings);
        m.put("unrealized_pnl", plain(unrealizedPnl));
        m.put("unrealized_unknown", positions.stream().flatMap(p -> p.unknownBecause().stream()).toList());
        m.put("fees", amounts(fees));
        m.put("taxes", amounts(taxes));
        Map<String, Object> incomeByType = new LinkedHashMap<>();
        income.forEach((type, amounts) -> incomeByType.put(type.name(), amounts(amounts)));
        m.put("income", incomeByType);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PositionPnl p : positions) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("asset", p.asset().value());
            row.put("quantity", text(p.quantity()));
            row.put("cost", plain(p.costInAccount()));
            row.put("price", plain(p.price()));
            row.put("market_value", plain(p.marketValue()));
            row.put("unrealized_pnl", plain(p.unrealizedPnl()));
            row.put("realized_pnl", text(p.realizedPnl()));
            rows.add(row);
        }
        m.put("positions", rows);
        m.put("trades_matching", TRADES_MATCHING);
        m.put("trades", trades(trades));
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Object> trades(TradeStatistics t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trade_count", t.count());
        m.put("wins", t.wins());
        m.put("losses", t.losses());
        m.put("win_rate", defined(t.winRate()));
        m.put("gross_profit", text(t.grossProfit()));
        m.put("gross_loss", text(t.grossLoss()));
        m.put("net_profit", text(t.netProfit()));
        m.put("average_win", plain(t.averageWin()));
        m.put("average_loss", plain(t.averageLoss()));
        m.put("reward_risk", defined(t.rewardRisk()));
        m.put("profit_factor", defined(t.profitFactor()));
        m.put("expectancy", plain(t.expectancy()));
        m.put("largest_win", plain(t.largestWin()));
        m.put("largest_loss", plain(t.largestLoss()));
        m.put("holding_days_average", t.holding().map(h -> days(h.average())).orElse(null));
        m.put("holding_days_median", t.holding().map(h -> days(h.median())).orElse(null));
        m.put("holding_days_shortest", t.holding().map(HoldingPeriods::shortest).map(AccountMetrics::days).orElse(null));
        m.put("holding_days_longest", t.holding().map(HoldingPeriods::longest).map(AccountMetrics::days).orElse(null));
        return m;
    }

    private static Map<String, String> amounts(Map<AssetId, BigDecimal> amounts) {
        Map<String, String> out = new LinkedHashMap<>();
        amounts.forEach((k, v) -> out.put(k.value(), text(v)));
        return out;
    }

    private static String plain(Optional<BigDecimal> amount) {
        return amount.map(AccountMetrics::text).orElse(null);
    }

    /** The shortest plain text of an amount: 250.0 and 2.5E+2 both read 250. */
    private static String text(BigDecimal amount) {
        return Decimals.shortest(amount).toPlainString();
    }

    private static Double defined(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static double days(Duration d) {
        return d.toMillis() / 86_400_000.0;
    }
}
