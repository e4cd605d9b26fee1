package dev.ballast.engine.marketdata.archviolation;

import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/** Breaks PORTS_AND_THEIR_VALUES_ARE_PLAIN_JAVA on purpose: a port interface naming Pekko Streams. */
public interface FeedPortReturningASource {
  Source<String, NotUsed> ticks();
}
