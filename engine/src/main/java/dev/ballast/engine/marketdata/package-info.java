/**
 * Market data: instruments, bars and quotes, and the {@link dev.ballast.engine.marketdata.PriceSource}
 * port that price adapters (Yahoo, CoinGecko, Binance klines, a replay file) implement. The
 * PriceBus and the feed actors will live here too.
 *
 * <p>The port and the values it carries are plain Java, on purpose: an answer is a
 * {@link java.util.concurrent.CompletionStage}, which an actor consumes with {@code pipeToSelf} and
 * a Pekko Streams feed with {@code Source.completionStage} or {@code mapAsync}, without blocking a
 * thread and without the port naming Pekko; an adapter over {@code java.net.http} returns what
 * {@code HttpClient.sendAsync} gives it. The stream machinery (the PriceBus, conflation, feed
 * supervision) may use Pekko in this package; its top-level records, enums and interfaces may not
 * (checked by the architecture test). Prices are exact {@link dev.ballast.engine.model.Price}s; a
 * metric over a long series turns them into {@code double}s in analytics, not here.
 */
package dev.ballast.engine.marketdata;
