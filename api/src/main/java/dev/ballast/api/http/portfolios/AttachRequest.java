package dev.ballast.api.http.portfolios;

/** {@code POST /api/portfolios/{id}/accounts}: attach an open account. */
public record AttachRequest(String accountId) {}
