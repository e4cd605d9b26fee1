package dev.ballast.engine.analytics.trades;

import java.time.Duration;

/** How long round trips stayed open (docs/metrics.md#holding-period). */
public record HoldingPeriods(Duration average, Duration median, Duration shortest, Duration longest) {
}
