package dev.ballast.persistence.asset;

import dev.ballast.persistence.testing.TestBackend;

class AssetRepositoryH2Test extends AssetRepositoryContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
