package dev.ballast.persistence.query;

import java.math.BigDecimal;

/** A holding of one account as the read side keeps it; cash has the currency as asset. */
public record PositionRow(
    String accountId, String asset, BigDecimal quantity, String costCurrency, BigDecimal cost,
    BigDecimal costInAccount, BigDecimal realizedInAccount, int lots) {}
