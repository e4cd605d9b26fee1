package dev.ballast.persistence.asset;

import dev.ballast.persistence.testing.TestBackend;

class AssetRepositoryPostgresTest extends AssetRepositoryContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
