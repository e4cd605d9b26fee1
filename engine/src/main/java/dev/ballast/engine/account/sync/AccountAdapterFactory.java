package dev.ballast.engine.account.sync;

/**
 * Port: makes the adapter of a connection (its kind, settings and the account's secret from the
 * vault). Fails with an {@link AccountAdapterException}: {@code AuthenticationFailed} when the
 * secret it needs is not set, {@code Malformed} for settings it cannot use.
 */
@FunctionalInterface
public interface AccountAdapterFactory {
  AccountAdapter open(SyncState connection);
}
