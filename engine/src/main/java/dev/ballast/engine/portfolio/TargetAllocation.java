package dev.ballast.engine.portfolio;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.InputLimits;
import dev.ballast.engine.model.AssetClass;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.AccountId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Target weights of a portfolio, in percent, summing to exactly 100. All targets are of one kind:
 * by asset, by asset class, or by user-defined groups of assets (each asset in at most one group).
 * A target may name the account it is to be held in (asset location: equities in the NISA account,
 * crypto at the exchange); the multi-account planner then trades it there and nowhere else.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TargetAllocation(Kind kind, List<Target> targets, Map<String, List<AssetId>> groups) {

  public static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public enum Kind {
    ASSET,
    ASSET_CLASS,
    GROUP
  }

  /**
   * One target: the key is an asset id, an asset class name or a group name, as the kind says;
   * {@code account}, when given, is the account the weight is held in (null: any account).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Target(String key, BigDecimal weightPercent, String account) {
    public Target {
      // 50 and 50.00 are one weight: a repeated allocation must compare equal and change nothing
      weightPercent = dev.ballast.engine.model.Decimals.shortest(weightPercent);
    }

    /** A target held in any account. */
    public Target(String key, BigDecimal weightPercent) {
      this(key, weightPercent, null);
    }

    /** The account of this target, null when any account will do. */
    public AccountId accountId() {
      return account == null ? null : AccountId.of(account);
    }

    /** {@code key} or {@code key@account}: how a target is named in messages and reasons. */
    public String label() {
      return account == null ? key : key + "@" + account;
    }
  }

  /** Whether any target names an account. */
  public boolean placed() {
    return targets.stream().anyMatch(t -> t != null && t.account() != null);
  }

  public TargetAllocation {
    targets = targets == null ? List.of() : List.copyOf(targets);
    groups = groups == null ? Map.of() : Collections2.copySorted(groups);
  }

  /** The problems with this allocation, each naming its field; empty when it is valid. */
  public List<FieldError> problems() {
    List<FieldError> errors = new ArrayList<>();
    if (kind == null) {
      errors.add(new FieldError(0, "kind", "is required: ASSET, ASSET_CLASS or GROUP"));
      return errors;
    }
    if (targets.isEmpty()) {
      errors.add(new FieldError(0, "targets", "at least one target is required"));
    }
    BigDecimal sum = BigDecimal.ZERO;
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < targets.size(); i++) {
      Target t = targets.get(i);
      String field = "targets[" + i + "]";
      if (t == null || t.key() == null || t.key().isBlank()) {
        errors.add(new FieldError(0, field + ".key", "is required"));
        continue;
      }
      if (!keys.add(t.label())) {
        errors.add(new FieldError(0, field + ".key", "appears twice: " + t.label()));
      }
      if (t.account() != null) {
        try {
          AccountId.of(t.account());
        } catch (IllegalArgumentException e) {
          errors.add(new FieldError(0, field + ".account", e.getMessage()));
        }
      }
      if (t.weightPercent() == null || t.weightPercent().signum() < 0 || t.weightPercent().compareTo(HUNDRED) > 0) {
        errors.add(new FieldError(0, field + ".weightPercent", "must be between 0 and 100"));
      } else {
        sum = sum.add(t.weightPercent());
      }
      keyProblem(t.key()).ifPresent(m -> errors.add(new FieldError(0, field + ".key", m)));
    }
    if (!targets.isEmpty() && sum.compareTo(HUNDRED) != 0) {
      errors.add(new FieldError(0, "targets", "weights sum to " + sum.toPlainString() + "%, not 100%"));
    }
    if (kind == Kind.GROUP) {
      Map<AssetId, String> owner = new HashMap<>();
      groups.forEach((group, assets) -> {
        for (AssetId asset : assets) {
          String other = owner.putIfAbsent(asset, group);
          if (other != null) {
            errors.add(new FieldError(0, "groups." + group, asset + " is already in group " + other));
          }
        }
      });
    }
    return errors;
  }

  private java.util.Optional<String> keyProblem(String key) {
    return switch (kind) {
      case ASSET -> {
        try {
          AssetId.of(key);
          yield java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
          yield java.util.Optional.of(e.getMessage());
        }
      }
      case ASSET_CLASS -> {
        try {
          AssetClass.valueOf(key);
          yield java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
          yield java.util.Optional.of("unknown asset class " + key);
        }
      }
      case GROUP -> groups.containsKey(key) ? java.util.Optional.empty() : java.util.Optional.of("no group named " + key + " in groups");
    };
  }

  private static final class Collections2 {
    static Map<String, List<AssetId>> copySorted(Map<String, List<AssetId>> groups) {
      Map<String, List<AssetId>> out = new TreeMap<>();
      groups.forEach((k, v) -> out.put(k, v == null ? List.of() : List.copyOf(v)));
      return java.util.Collections.unmodifiableMap(out);
    }
  }

  /** The input limits (InputLimits) of a target allocation's weights, keys and groups (their sum and keys are {@link #problems()}'s to check). */
  public static List<FieldError> limits(TargetAllocation allocation) {
    List<FieldError> errors = new ArrayList<>();
    if (allocation == null) {
      return errors;
    }
    if (allocation.targets().size() > InputLimits.MAX_TARGETS) {
      errors.add(new FieldError(0, "targets", "has " + allocation.targets().size() + " targets; at most " + InputLimits.MAX_TARGETS));
      return errors;
    }
    for (int i = 0; i < allocation.targets().size(); i++) {
      TargetAllocation.Target t = allocation.targets().get(i);
      if (t == null) {
        errors.add(new FieldError(0, "targets[" + i + "]", "is null; expected an object"));
        continue;
      }
      String field = "targets[" + i + "]";
      InputLimits.text(0, field + ".key", t.key(), allocation.kind() == TargetAllocation.Kind.GROUP ? InputLimits.GROUP_NAME : InputLimits.TARGET_KEY, errors);
      InputLimits.decimal(0, field + ".weightPercent", t.weightPercent(), InputLimits.WEIGHT_PERCENT, errors);
      InputLimits.text(0, field + ".account", t.account(), InputLimits.TARGET_KEY, errors);
    }
    if (allocation.groups().size() > InputLimits.MAX_TARGETS) {
      errors.add(new FieldError(0, "groups", "has " + allocation.groups().size() + " groups; at most " + InputLimits.MAX_TARGETS));
      return errors;
    }
    allocation.groups().forEach((name, assets) -> {
      InputLimits.text(0, "groups", name, InputLimits.GROUP_NAME, errors);
      if (assets.size() > InputLimits.MAX_GROUP_ASSETS) {
        errors.add(new FieldError(0, "groups." + name, "has " + assets.size() + " assets; at most " + InputLimits.MAX_GROUP_ASSETS));
      }
    });
    return errors;
  }

}
