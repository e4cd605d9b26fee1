package dev.ballast.api.http;

import dev.ballast.engine.model.CommandError;
import dev.ballast.engine.model.FieldError;
import java.util.List;

/**
 * The one place an entity's refusal becomes an HTTP problem: not found 404, invalid 400, conflict
 * 409, unavailable 503.
 */
public final class Refusals {
  private Refusals() {}

  public static Problem problem(CommandError error) {
    if (error instanceof CommandError.NotFound n) {
      return Problem.notFound(n.message());
    }
    if (error instanceof CommandError.Invalid i) {
      return Problem.invalid(i.message(), i.errors());
    }
    if (error instanceof CommandError.Conflict c) {
      return Problem.conflict(c.message());
    }
    return Problem.unavailable(((CommandError.Unavailable) error).message());
  }

  /** Input refused at the entry, before any entity saw it. */
  public static Problem invalid(List<FieldError> errors) {
    return problem(CommandError.Invalid.of(errors));
  }
}
