package dev.ballast.engine.marketdata;

import java.util.Comparator;
import java.util.List;

/** The daily bars of one instrument over a range, oldest first, and the corporate actions in it. */
public record DailyHistory(InstrumentId instrument, List<DailyBar> bars, List<CorporateAction> actions) {

  public DailyHistory {
    bars = bars.stream().sorted(Comparator.comparing(DailyBar::date)).toList();
    actions = List.copyOf(actions);
    for (DailyBar bar : bars) {
      if (!bar.instrument().equals(instrument)) {
        throw new IllegalArgumentException("history of " + instrument + " holds a bar of " + bar.instrument());
      }
    }
  }
}
