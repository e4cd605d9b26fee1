package dev.ballast.api.http.accounts;

import dev.ballast.engine.model.AccountKind;
import dev.ballast.engine.model.TaxWrapper;

/**
 * {@code POST /api/accounts}: open an account (opening it again with the same definition changes
 * nothing). {@code costMethod} is fifo (the default), average or total-average.
 */
public record AccountRequest(
    String id, String name, AccountKind kind, String provider, String currency, TaxWrapper taxWrapper, Boolean allowShort,
    String costMethod) {}
