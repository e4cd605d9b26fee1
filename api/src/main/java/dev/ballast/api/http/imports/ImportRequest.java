package dev.ballast.api.http.imports;

import dev.ballast.engine.model.AccountId;
import dev.ballast.engine.model.FieldError;
import dev.ballast.engine.model.TaxWrapper;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/accounts/{id}/imports?format=auto&dryRun=&skipInvalid=&impliedDeposits=&accountFor=WRAPPER=ID&file=NAME}:
 * the options of an import, sent as query parameters, the file itself as the body (any content type).
 */
public record ImportRequest(
    String format, boolean dryRun, boolean skipInvalid, Map<TaxWrapper, AccountId> accountFor, String file, boolean impliedDeposits) {
  public static final String AUTO = "auto";

  public ImportRequest {
    accountFor = Map.copyOf(accountFor);
  }

  /** Reads the query parameters, adding a problem per bad one. */
  public static ImportRequest of(Map<String, List<String>> query, List<FieldError> errors) {
    String format = single(query, "format", errors).orElse(AUTO);
    boolean dryRun = flag(query, "dryRun", errors);
    boolean skipInvalid = flag(query, "skipInvalid", errors);
    boolean impliedDeposits = flag(query, "impliedDeposits", errors);
    String file = single(query, "file", errors).orElse("upload");
    if (file.isBlank() || file.length() > 200 || file.chars().anyMatch(Character::isISOControl)) {
      errors.add(new FieldError(0, "file", "a file name of 1-200 printable characters"));
    }
    Map<TaxWrapper, AccountId> accountFor = new EnumMap<>(TaxWrapper.class);
    for (String pair : query.getOrDefault("accountFor", List.of())) {
      int eq = pair.indexOf('=');
      if (eq < 1) {
        errors.add(new FieldError(0, "accountFor", "expected WRAPPER=ACCOUNT, got \"" + pair + "\""));
        continue;
      }
      try {
        TaxWrapper wrapper = TaxWrapper.valueOf(pair.substring(0, eq));
        if (accountFor.put(wrapper, AccountId.of(pair.substring(eq + 1))) != null) {
          errors.add(new FieldError(0, "accountFor", "names " + wrapper + " twice"));
        }
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(0, "accountFor", "\"" + pair + "\": " + (e.getMessage().startsWith("No enum")
            ? "unknown wrapper; one of " + List.of(TaxWrapper.values()) : e.getMessage())));
      }
    }
    return new ImportRequest(format, dryRun, skipInvalid, accountFor, file, impliedDeposits);
  }

  private static Optional<String> single(Map<String, List<String>> query, String name, List<FieldError> errors) {
    List<String> values = query.getOrDefault(name, List.of());
    if (values.size() > 1) {
      errors.add(new FieldError(0, name, "given " + values.size() + " times"));
    }
    return values.stream().findFirst();
  }

  private static boolean flag(Map<String, List<String>> query, String name, List<FieldError> errors) {
    Optional<String> value = single(query, name, errors);
    if (value.isEmpty()) {
      return false;
    }
    return switch (value.get()) {
      case "true", "" -> true;
      case "false" -> false;
      default -> {
        errors.add(new FieldError(0, name, "true or false, got \"" + value.get() + "\""));
        yield false;
      }
    };
  }
}
