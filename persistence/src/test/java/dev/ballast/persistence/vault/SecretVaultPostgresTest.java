package dev.ballast.persistence.vault;

import dev.ballast.persistence.testing.TestBackend;

class SecretVaultPostgresTest extends SecretVaultContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
