package dev.ballast.persistence.ops;

import dev.ballast.persistence.testing.TestBackend;

class SubscriptionStorePostgresTest extends SubscriptionStoreContract {
  @Override
  TestBackend backend() {
    return TestBackend.POSTGRES;
  }
}
