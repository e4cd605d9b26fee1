package dev.ballast.api.http.accounts;

import dev.ballast.api.http.orders.ListParams;
import dev.ballast.engine.model.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * Paging and a date range on the lists that answer a plain JSON array (accounts, portfolios, the
 * audit log, the vault's events, corporate actions, dividends): the trading lists' {@code offset},
 * {@code limit}, {@code from}, {@code to} ({@link ListParams}), the array kept as it was for
 * existing clients and the total in {@code X-Total-Count}. Without {@code limit} a page holds at
 * most {@link #MAX_LIMIT} rows (the same maximum a {@code limit} may ask for), so no answer is
 * unbounded; {@code X-Total-Count} above the rows received says to ask for the next offset.
 */
public record ListPaging(int offset, Integer limit, Instant from, Instant to) {
  public static final String TOTAL_HEADER = "X-Total-Count";
  /** The most rows one answer holds, with or without {@code limit}. */
  public static final int MAX_LIMIT = ListParams.MAX_LIMIT;

  public static ListPaging parse(Optional<String> offset, Optional<String> limit, Optional<String> from, Optional<String> to,
      List<FieldError> errors) {
    ListParams p = ListParams.parse(offset, limit, from, to, errors);
    return new ListPaging(p.offset(), limit.isPresent() ? p.limit() : null, p.from(), p.to());
  }

  /** The rows whose time is in [from, to), then the page of them, and how many matched. */
  public <T> Page<T> apply(List<T> rows, Function<T, Instant> time) {
    List<T> matched = rows.stream().filter(r -> {
      Instant t = time.apply(r);
      return (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
    }).toList();
    List<T> page = matched.stream().skip(offset).limit(limit == null ? MAX_LIMIT : limit).toList();
    return new Page<>(page, matched.size());
  }

  /** A page of a list and the number of rows that matched. */
  public record Page<T>(List<T> items, long total) {
    public HttpResponse withTotal(HttpResponse response) {
      return response.addHeader(RawHeader.create(TOTAL_HEADER, Long.toString(total)));
    }
  }
}
