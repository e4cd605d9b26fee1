package dev.ballast.api.http.portfolios;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to a portfolio command: what it was about, and whether it changed anything ({@code
 * id} for a creation, {@code portfolio} and {@code account} for an attachment, {@code portfolio}
 * alone otherwise).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangeResponse(String id, String portfolio, String account, boolean changed) {

  static ChangeResponse created(String id, boolean changed) {
    return new ChangeResponse(id, null, null, changed);
  }

  static ChangeResponse of(String portfolio, String account, boolean changed) {
    return new ChangeResponse(null, portfolio, account, changed);
  }
}
