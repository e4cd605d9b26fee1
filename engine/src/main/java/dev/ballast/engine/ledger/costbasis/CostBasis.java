package dev.ballast.engine.ledger.costbasis;

import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.CostMethod;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a cost-basis method made of an account's movements: every sale and fee disposal costed,
 * in ledger order, and what is open per asset (assets sold out stay, with quantity zero).
 */
public record CostBasis(CostMethod method, AssetId accountCurrency, List<Realized> realized, Map<AssetId, Holding> holdings) {
  public CostBasis {
    realized = List.copyOf(realized);
    holdings = Collections.unmodifiableMap(new TreeMap<>(holdings));
  }
}
