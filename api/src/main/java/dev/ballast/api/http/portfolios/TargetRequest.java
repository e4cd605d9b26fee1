package dev.ballast.api.http.portfolios;

import dev.ballast.api.http.Fields;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.portfolio.TargetAllocation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code PUT /api/portfolios/{id}/target}: target weights in percent, by asset, asset class or group. */
public record TargetRequest(TargetAllocation.Kind kind, List<Weight> targets, Map<String, List<String>> groups) {

  /** One target: an asset id, an asset class name or a group name, as the kind says; {@code account}, if given, is where it is held. */
  public record Weight(String key, BigDecimal weightPercent, String account) {}

  /** The engine's allocation; problems with the fields' forms are added to {@code errors}. */
  TargetAllocation toAllocation(List<FieldError> errors) {
    List<TargetAllocation.Target> out = new ArrayList<>();
    if (targets != null) {
      for (int i = 0; i < targets.size(); i++) {
        Weight w = targets.get(i);
        if (w == null) {
          errors.add(new FieldError(0, "targets[" + i + "]", "is null; expected an object"));
        } else {
          Fields.require(0, "targets[" + i + "].weightPercent", w.weightPercent(), errors);
          out.add(new TargetAllocation.Target(w.key(), w.weightPercent(), w.account()));
        }
      }
    }
    Map<String, List<AssetId>> members = new LinkedHashMap<>();
    if (groups != null) {
      groups.forEach((name, assets) -> {
        if (assets == null) {
          errors.add(new FieldError(0, "groups." + name, "is null; expected an array of asset ids"));
          return;
        }
        List<AssetId> ids = new ArrayList<>();
        for (int i = 0; i < assets.size(); i++) {
          String field = "groups." + name + "[" + i + "]";
          if (Fields.require(0, field, assets.get(i), errors)) {
            AssetId id = Fields.parse(0, field, assets.get(i), AssetId::of, errors);
            if (id != null) {
              ids.add(id);
            }
          }
        }
        members.put(name, ids);
      });
    }
    return new TargetAllocation(kind, out, members);
  }
}
