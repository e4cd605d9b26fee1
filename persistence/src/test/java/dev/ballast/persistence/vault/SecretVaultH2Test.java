package dev.ballast.persistence.vault;

import dev.ballast.persistence.testing.TestBackend;

class SecretVaultH2Test extends SecretVaultContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
