package dev.ballast.adapters.marketdata.coingecko;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ballast.adapters.marketdata.LoopbackServer;
import dev.ballast.adapters.marketdata.LoopbackServer.Answer;
import dev.ballast.adapters.marketdata.SourceClient;
import dev.ballast.adapters.marketdata.SourceSettings;
import dev.ballast.engine.marketdata.AssetSources;
import dev.ballast.engine.marketdata.CryptoMarket;
import dev.ballast.engine.marketdata.DailyBar;
import dev.ballast.engine.marketdata.DailyHistory;
import dev.ballast.engine.marketdata.InstrumentId;
import dev.ballast.engine.marketdata.MarketCap;
import dev.ballast.engine.marketdata.PriceSourceError;
import dev.ballast.engine.marketdata.PriceSourceException;
import dev.ballast.engine.marketdata.Quote;
import dev.ballast.engine.model.Asset;
import dev.ballast.engine.model.AssetClass;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Price;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CoinGecko's market_chart, simple/price and global answers, read from samples served on loopback. */
class CoinGeckoSourceTest {
  static final InstrumentId BTC_JPY = InstrumentId.of("BTC", "JPY");
  static final Clock APRIL_1 = Clock.fixed(Instant.parse("2024-04-01T06:29:03Z"), ZoneOffset.UTC);
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private CoinGeckoSource source(LoopbackServer server) {
    open.add(server);
    SourceClient client = new SourceClient(SourceSettings.defaults("coingecko", server.baseUrl())
        .withRetries(2, Duration.ofMillis(10), Duration.ofSeconds(5)), Clock.systemUTC());
    open.add(client);
    // the default crypto mapping, as the server wires it
    return new CoinGeckoSource(client, asset -> AssetSources.identifier(
        new Asset(asset, null, AssetClass.CRYPTO, AssetId.of("USD"), Map.of()), AssetSources.COINGECKO), APRIL_1);
  }

  private static String sample(String name) {
    return LoopbackServer.resource(CoinGeckoSourceTest.class, name);
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new CompletionException(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static PriceSourceError failure(CompletionStage<?> stage) {
    CompletionException e = assertThrows(CompletionException.class, () -> await(stage));
    return assertInstanceOf(PriceSourceException.class, e.getCause()).error();
  }

  private static DailyBar close(String date, String value) {
    Price p = Price.of(value, "JPY");
    return new DailyBar(LocalDate.parse(date), new dev.ballast.engine.marketdata.OhlcBar(BTC_JPY,
        dev.ballast.engine.marketdata.BarInterval.ONE_DAY, LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant(), p, p, p, p, null), p);
  }

  @Test
  void eachMidnightPointIsTheCloseOfTheDayBeforeAndTheNowPointIsLeftOut() {
    LoopbackServer server = new LoopbackServer().answering(uri -> Answer.json(200, sample("coingecko_market_chart_bitcoin_jpy.json")));
    CoinGeckoSource source = source(server);
    DailyHistory history = await(source.dailyHistory(BTC_JPY, LocalDate.parse("2024-03-27"), LocalDate.parse("2024-04-01")));
    assertEquals(List.of(close("2024-03-27", "10784523.118852045"), close("2024-03-28", "10851390.55306771"),
        close("2024-03-29", "10672381.907215104"), close("2024-03-30", "10701530"), close("2024-03-31", "10795102.453920383")),
        history.bars());
    assertEquals("/api/v3/coins/bitcoin/market_chart", server.requests().get(0).path());
    assertEquals("vs_currency=jpy&days=91&interval=daily", server.requests().get(0).query());
  }

  @Test
  void marketCapsAreDatedLikeTheCloses() {
    CoinGeckoSource source = source(new LoopbackServer().answering(uri -> Answer.json(200, sample("coingecko_market_chart_bitcoin_jpy.json"))));
    List<MarketCap> caps = await(source.marketCaps(AssetId.of("BTC"), AssetId.of("JPY"), LocalDate.parse("2024-03-30"), LocalDate.parse("2024-03-31")));
    assertEquals(List.of(
        new MarketCap(AssetId.of("BTC"), AssetId.of("JPY"), Instant.parse("2024-03-31T00:00:00Z"), new BigDecimal("210519300458412.5")),
        new MarketCap(AssetId.of("BTC"), AssetId.of("JPY"), Instant.parse("2024-04-01T00:00:00Z"), new BigDecimal("212454811247098.56"))), caps);
  }

  @Test
  void latestPricesAreAskedForEveryCoinAndCurrencyAtOnceAndWhatIsMissingIsLeftOut() {
    LoopbackServer server = new LoopbackServer().answering(uri -> Answer.json(200, sample("coingecko_simple_price.json")));
    CoinGeckoSource source = source(server);
    InstrumentId ethUsd = InstrumentId.of("ETH", "USD");
    InstrumentId solJpy = InstrumentId.of("SOL", "JPY");  // mapped to "solana", which the answer omits
    InstrumentId unmapped = InstrumentId.of("NOPE", "USD");
    assertEquals(List.of(
        Quote.last(BTC_JPY, Price.of("10733470", "JPY"), Instant.ofEpochSecond(1711952943)),
        Quote.last(ethUsd, Price.of("3603.27", "USD"), Instant.ofEpochSecond(1711952931))),
        await(source.latestQuotes(Set.of(BTC_JPY, ethUsd, solJpy, unmapped))));
    assertEquals("ids=bitcoin%2Cethereum%2Csolana&vs_currencies=jpy%2Cusd&include_last_updated_at=true&precision=full",
        server.requests().get(0).query());
  }

  @Test
  void theGlobalAnswerGivesTheDominanceOfBtcEthAndTheStablecoins() {
    CoinGeckoSource source = source(new LoopbackServer().answering(uri -> Answer.json(200, sample("coingecko_global.json"))));
    CryptoMarket market = await(source.cryptoMarket());
    assertEquals(new BigDecimal("50.87"), market.btcDominance());
    assertEquals(new BigDecimal("15.77"), market.ethDominance());
    assertEquals(new BigDecimal("4.97"), market.stablecoinDominance());
    assertEquals(new BigDecimal("2741960528462.1"), market.totalMarketCap().get(AssetId.of("USD")));
    assertEquals(Instant.ofEpochSecond(1711952943), market.time());
  }

  @Test
  void anUnknownCoinIsATypedErrorWhetherCoinGeckoOrTheMappingDoesNotKnowIt() {
    CoinGeckoSource source = source(new LoopbackServer().answering(uri -> Answer.json(404, "{\"error\":\"coin not found\"}")));
    assertEquals(new PriceSourceError.UnknownInstrument(BTC_JPY),
        failure(source.dailyHistory(BTC_JPY, LocalDate.parse("2024-03-27"), LocalDate.parse("2024-03-31"))));
    InstrumentId unmapped = InstrumentId.of("NOPE", "JPY");
    assertEquals(new PriceSourceError.UnknownInstrument(unmapped),
        failure(source.dailyHistory(unmapped, LocalDate.parse("2024-03-27"), LocalDate.parse("2024-03-31"))));
  }

  @Test
  void shortOrEmptyInnerArraysAreSkippedAndAMissingArrayIsMalformed() {
    CoinGeckoSource tolerant = source(new LoopbackServer().answering(uri -> Answer.json(200,
        "{\"prices\":[[2000],[],[1711670400000,10851390.5]],\"market_caps\":[],\"total_volumes\":[]}")));
    assertEquals(List.of(close("2024-03-28", "10851390.5")),
        await(tolerant.dailyHistory(BTC_JPY, LocalDate.parse("2024-03-27"), LocalDate.parse("2024-03-31"))).bars());
    CoinGeckoSource broken = source(new LoopbackServer().answering(uri -> Answer.json(200, "{\"market_caps\":[]}")));
    assertEquals(new PriceSourceError.Malformed("no \"prices\" array"),
        failure(broken.dailyHistory(BTC_JPY, LocalDate.parse("2024-03-27"), LocalDate.parse("2024-03-31"))));
  }

  @Test
  void aRateLimitIsRetriedAfterRetryAfterThenAnswered() {
    LoopbackServer server = new LoopbackServer().answering(uri -> Answer.json(200, sample("coingecko_market_chart_bitcoin_jpy.json")))
        .thenAnswer(Answer.withHeader(429, "Retry-After", "0", "{\"status\":{\"error_code\":429}}"));
    CoinGeckoSource source = source(server);
    assertEquals(5, await(source.dailyHistory(BTC_JPY, LocalDate.parse("2024-03-27"), LocalDate.parse("2024-04-01"))).bars().size());
    assertEquals(2, server.requests().size());
  }

  @Test
  void noBarsBeyondDaily() {
    CoinGeckoSource source = source(new LoopbackServer());
    assertEquals(List.of(), await(source.bars(BTC_JPY, dev.ballast.engine.marketdata.BarInterval.ONE_HOUR,
        Instant.parse("2024-03-27T00:00:00Z"), Instant.parse("2024-03-28T00:00:00Z"))));
  }
}
