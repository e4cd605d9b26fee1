package dev.ballast.engine.account.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ballast.engine.Fixtures;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Quantity;
import dev.ballast.engine.model.Transaction;
import dev.ballast.engine.model.TransactionType;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryAccountAdapterTest extends AccountAdapterContract {

  @Override
  protected AccountAdapter adapterWith(List<Transaction> history, List<Balance> balances) {
    return new InMemoryAccountAdapter("memory", 10).withHistory(history).withBalances(balances);
  }

  @Override
  protected AccountAdapter adapterFailingWith(AccountAdapterError error) {
    return new InMemoryAccountAdapter("memory", 10).failNext(error);
  }

  @Test
  void rowsTheVenueAddsAfterASyncAreReadFromItsCursor() {
    InMemoryAccountAdapter adapter = new InMemoryAccountAdapter("memory", 10).withHistory(history(4));
    HistoryPage synced = await(adapter.transactionsSince(SyncCursor.START));
    Transaction later = Fixtures.deposit("venue-later", "5", "JPY");
    adapter.withHistory(List.of(later));
    assertEquals(List.of(later), readFrom(adapter, synced.next()));
  }

  @Test
  void aBalanceAddsUpAndAHistoryRowHasItsVenueId() {
    assertEquals("balance of BTC: total 2 is not available 1.5 + locked 0.3",
        assertThrows(IllegalArgumentException.class,
            () -> new Balance(AssetId.of("BTC"), Quantity.of("2"), Quantity.of("1.5"), Quantity.of("0.3"))).getMessage());
    Transaction noId = Transaction.builder(TransactionType.DEPOSIT).asset("JPY").quantity("1").ref("binance-api", null).build();
    assertEquals("history row 1: externalId must not be blank (every synced row needs its source and venue id)",
        assertThrows(IllegalArgumentException.class, () -> new HistoryPage(List.of(noId), SyncCursor.START, false)).getMessage());
  }
}
