package dev.ballast.api.http.portfolios;

/** {@code POST /api/portfolios}: create a portfolio (creating it again as it is changes nothing). */
public record PortfolioRequest(String id, String name, String baseCurrency) {}
