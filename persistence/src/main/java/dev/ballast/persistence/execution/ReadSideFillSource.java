package dev.ballast.persistence.execution;

import dev.ballast.engine.execution.ClientOrderId;
import dev.ballast.engine.execution.Fill;
import dev.ballast.engine.execution.FillId;
import dev.ballast.engine.execution.Side;
import dev.ballast.engine.execution.VenueOrderId;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Money;
import dev.ballast.engine.model.Price;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.report.FillSource;
import dev.ballast.engine.report.IntendedFill;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The reports' fills, read from the order read side ({@code trading_fills}), each with the intended price its order had. */
public final class ReadSideFillSource implements FillSource {
  private final OrderQueries queries;

  public ReadSideFillSource(OrderQueries queries) {
    this.queries = queries;
  }

  @Override
  public List<IntendedFill> fills(List<String> accounts, Instant from, Instant until) {
    List<IntendedFill> out = new ArrayList<>();
    for (String account : accounts) {
      for (FillRow r : queries.fillsInTimeOrder(OrderQueries.Scope.account(account), from, until)) {
        out.add(fill(r));
      }
    }
    out.sort(Comparator.comparing((IntendedFill f) -> f.fill().time()).thenComparing(f -> f.fill().id().value()));
    return out;
  }

  static IntendedFill fill(FillRow r) {
    InstrumentId instrument = InstrumentId.parse(r.instrument());
    Fill fill = new Fill(FillId.of(r.fillId()), ClientOrderId.of(r.clientOrderId()), VenueOrderId.of(r.venueOrderId()), instrument,
        Side.valueOf(r.side()), Quantity.of(r.quantity()), new Price(r.fillPrice(), AssetId.of(r.priceCurrency())),
        new Money(r.fee(), AssetId.of(r.feeCurrency())), r.filledAt());
    return new IntendedFill(r.accountId(), r.venue(), fill, r.intendedPrice());
  }
}
