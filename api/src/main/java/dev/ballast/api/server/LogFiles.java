package dev.ballast.api.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * The server's log files ({@code ballast.logs}): JSON lines under {@code DATA/logs}, rolled by day
 * and size, old ones compressed and deleted past the history and the total cap; and, as an option,
 * JSON on the console too. Installed once the data directory is known; a later server in the same
 * JVM (tests) moves the file to its own directory.
 */
public final class LogFiles {
  static final String APPENDER = "ballast-file";
  public static final String FILE = "ballast.log";

  private LogFiles() {}

  /** Starts writing {@code DATA/logs/ballast.log}; the file, or null when {@code ballast.logs.file} is off. */
  static synchronized Path install(Path dataDir, Config config) throws IOException {
    Config logs = config.getConfig("ballast.logs");
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return null;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (logs.getBoolean("console-json")) {
      for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext();) {
        if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
          console.stop();
          console.setEncoder(encoder(context));
          console.start();
        }
      }
    }
    Appender<ILoggingEvent> previous = root.getAppender(APPENDER);
    if (previous != null) {
      root.detachAppender(previous);
      previous.stop();
    }
    if (!logs.getBoolean("file")) {
      return null;
    }
    Path dir = dataDir.resolve("logs");
    Files.createDirectories(dir);
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      // the log names accounts, portfolios and amounts: for the owner only, like the rest of the data directory
      Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
    RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
    file.setContext(context);
    file.setName(APPENDER);
    file.setFile(dir.resolve(FILE).toString());
    SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
    policy.setContext(context);
    policy.setParent(file);
    policy.setFileNamePattern(dir.resolve("ballast-%d{yyyy-MM-dd}.%i.log.gz").toString());
    policy.setMaxFileSize(FileSize.valueOf(logs.getString("max-file-size")));
    policy.setMaxHistory(logs.getInt("max-days"));
    policy.setTotalSizeCap(FileSize.valueOf(logs.getString("total-size-cap")));
    policy.start();
    file.setRollingPolicy(policy);
    file.setEncoder(encoder(context));
    file.start();
    root.addAppender(file);
    return dir.resolve(FILE);
  }

  private static JsonEncoder encoder(LoggerContext context) {
    JsonEncoder json = new JsonEncoder();
    json.setContext(context);
    // one object per line with the message as written, no logger-context noise
    json.setWithContext(false);
    json.setWithSequenceNumber(false);
    json.setWithNanoseconds(false);
    json.setWithMessage(false);
    json.setWithArguments(false);
    json.setWithFormattedMessage(true);
    json.start();
    return json;
  }
}
