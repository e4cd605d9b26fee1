package dev.ballast.engine.analytics.trades;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Statistics over closed round trips in one currency (docs/metrics.md#trade-statistics). Undefined
 * amounts are empty, undefined ratios NaN (docs/metrics.md#conventions).
 *
 * @param count round trips, break-even ones included
 * @param wins round trips with profit above zero
 * @param losses round trips with profit below zero
 * @param winRate {@code wins / count}; NaN without round trips
 * @param grossProfit sum of the winning profits
 * @param grossLoss sum of the losing profits as a positive amount
 * @param netProfit sum of all profits
 * @param averageWin {@code grossProfit / wins}
 * @param averageLoss mean of the losing profits, a negative amount
 * @param largestWin the greatest profit of a win
 * @param largestLoss the most negative profit of a loss
 * @param rewardRisk {@code averageWin / |averageLoss|}; NaN without wins or without losses
 * @param profitFactor {@code grossProfit / grossLoss}; NaN without losses
 * @param expectancy {@code netProfit / count}, the mean profit per round trip
 * @param holding holding periods, empty without round trips
 */
public record TradeStatistics(
        Optional<String> currency,
        int count,
        int wins,
        int losses,
        double winRate,
        BigDecimal grossProfit,
        BigDecimal grossLoss,
        BigDecimal netProfit,
        Optional<BigDecimal> averageWin,
        Optional<BigDecimal> averageLoss,
        Optional<BigDecimal> largestWin,
        Optional<BigDecimal> largestLoss,
        double rewardRisk,
        double profitFactor,
        Optional<BigDecimal> expectancy,
        Optional<HoldingPeriods> holding) {

    private static final MathContext DIVISION = MathContext.DECIMAL64;

    /**
     * Statistics of the given round trips.
     *
     * @throws IllegalArgumentException when round trips are in different currencies, naming the index
     */
    public static TradeStatistics of(List<RoundTrip> trips) {
        String currency = null;
        int wins = 0;
        int losses = 0;
        BigDecimal grossProfit = BigDecimal.ZERO;
        BigDecimal grossLoss = BigDecimal.ZERO;
        BigDecimal largestWin = null;
        BigDecimal largestLoss = null;
        List<Duration> holding = new ArrayList<>(trips.size());
        for (int i = 0; i < trips.size(); i++) {
            RoundTrip trip = trips.get(i);
            if (trip == null) {
                throw new IllegalArgumentException("round trips[" + i + "]: missing");
            }
            if (currency == null) {
                currency = trip.currency();
            } else if (!currency.equals(trip.currency())) {
                throw new IllegalArgumentException("round trips[" + i + "] (" + trip.instrument() + "): currency " + trip.currency()
                        + " differs from " + currency);
            }
            BigDecimal p = trip.profit();
            if (p.signum() > 0) {
                wins++;
                grossProfit = grossProfit.add(p);
                largestWin = largestWin == null ? p : largestWin.max(p);
            } else if (p.signum() < 0) {
                losses++;
                grossLoss = grossLoss.add(p.negate());
                largestLoss = largestLoss == null ? p : largestLoss.min(p);
            }
            holding.add(Duration.between(trip.opened(), trip.closed()));
        }
        int count = trips.size();
        BigDecimal net = grossProfit.subtract(grossLoss);
        Optional<BigDecimal> averageWin = wins == 0 ? Optional.empty()
                : Optional.of(grossProfit.divide(BigDecimal.valueOf(wins), DIVISION));
        Optional<BigDecimal> averageLoss = losses == 0 ? Optional.empty()
                : Optional.of(grossLoss.negate().divide(BigDecimal.valueOf(losses), DIVISION));
        double rewardRisk = averageWin.isPresent() && averageLoss.isPresent()
                ? averageWin.get().divide(averageLoss.get().abs(), DIVISION).doubleValue() : Double.NaN;
        double profitFactor = grossLoss.signum() == 0 ? Double.NaN : grossProfit.divide(grossLoss, DIVISION).doubleValue();
        return new TradeStatistics(
                Optional.ofNullable(currency),
                count,
                wins,
                losses,
                count == 0 ? Double.NaN : (double) wins / count,
                grossProfit,
                grossLoss,
                net,
                averageWin,
                averageLoss,
                Optional.ofNullable(largestWin),
                Optional.ofNullable(largestLoss),
                rewardRisk,
                profitFactor,
                count == 0 ? Optional.empty() : Optional.of(net.divide(BigDecimal.valueOf(count), DIVISION)),
                holdingPeriods(holding));
    }

    private static Optional<HoldingPeriods> holdingPeriods(List<Duration> durations) {
        if (durations.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = new ArrayList<>(durations);
        sorted.sort(null);
        int n = sorted.size();
        Duration total = Duration.ZERO;
        for (Duration d : sorted) {
            total = total.plus(d);
        }
        Duration median = n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
        return Optional.of(new HoldingPeriods(total.dividedBy(n), median, sorted.get(0), sorted.get(n - 1)));
    }
}
