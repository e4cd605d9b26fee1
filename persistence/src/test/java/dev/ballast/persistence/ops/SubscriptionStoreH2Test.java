package dev.ballast.persistence.ops;

import dev.ballast.persistence.testing.TestBackend;

class SubscriptionStoreH2Test extends SubscriptionStoreContract {
  @Override
  TestBackend backend() {
    return TestBackend.H2;
  }
}
