package dev.ballast.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ballast.engine.model.FieldError;
import java.util.List;

/**
 * An error as RFC 7807 problem+json: a type, a title, the HTTP status, what went wrong, and for
 * input errors every field to blame ({@code row} is the 1-based row of a batch, 0 for a single
 * object).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
  private static final String BASE = "https://ballast.dev/problems/";

  /** Input the server understood but refuses: a value out of its limits, a rule of the ledger. */
  public static Problem invalid(String detail, List<FieldError> errors) {
    return new Problem(BASE + "invalid-input", "Invalid input", 400, detail, errors);
  }

  /** Input the server could not read: not JSON, a wrong type, an unknown field. */
  public static Problem badRequest(String detail, List<FieldError> errors) {
    return new Problem(BASE + "malformed-request", "Malformed request", 400, detail, errors);
  }

  public static Problem notFound(String detail) {
    return new Problem(BASE + "not-found", "Not found", 404, detail, List.of());
  }

  public static Problem conflict(String detail) {
    return new Problem(BASE + "conflict", "Conflict", 409, detail, List.of());
  }

  public static Problem unsupportedMediaType(String detail) {
    return new Problem(BASE + "unsupported-media-type", "Unsupported media type", 415, detail,
        List.of(new FieldError(0, "Content-Type", detail)));
  }

  public static Problem tooLarge(String detail) {
    return new Problem(BASE + "too-large", "Request too large", 413, detail, List.of(new FieldError(0, "body", detail)));
  }

  public static Problem unauthorized() {
    return new Problem(BASE + "unauthorized", "Unauthorized", 401,
        "send Authorization: Bearer <token> (the admin token is in DATA_DIR/admin.token)", List.of());
  }

  public static Problem unavailable(String detail) {
    return new Problem(BASE + "unavailable", "Service unavailable", 503, detail, List.of());
  }

  /** Any other answer of the HTTP layer (a wrong method, no such route), with its status and text. */
  public static Problem http(int status, String title, String detail) {
    return new Problem(BASE + "http-" + status, title, status, detail, List.of());
  }

  public static Problem internal() {
    return new Problem(BASE + "internal", "Internal error", 500,
        "the server failed; the log has the details", List.of());
  }
}
