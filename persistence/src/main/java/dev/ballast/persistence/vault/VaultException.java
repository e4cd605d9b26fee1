package dev.ballast.persistence.vault;

/** A vault operation that cannot be done: no key of a secret's version, a tampered row, a bad key file. Never holds a secret. */
public final class VaultException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VaultException(String message) {
    super(message);
  }

  public VaultException(String message, Throwable cause) {
    super(message, cause);
  }
}
