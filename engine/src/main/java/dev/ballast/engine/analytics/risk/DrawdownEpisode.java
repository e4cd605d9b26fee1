package dev.ballast.engine.analytics.risk;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One fall of the wealth index from a peak (docs/metrics.md#maximum-drawdown).
 *
 * @param depth fraction lost from peak to trough, in (0, 1]
 * @param peak last date the index stood at its high before the trough
 * @param trough date of the lowest point
 * @param recovery first date the index was back at the peak, empty while still under water
 * @param durationDays calendar days from peak to recovery, or to the last date when not recovered
 */
public record DrawdownEpisode(double depth, LocalDate peak, LocalDate trough, Optional<LocalDate> recovery, long durationDays) {

    public boolean recovered() {
        return recovery.isPresent();
    }
}
