package dev.ballast.api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ballast annotate TRADE --pre|--post}: a note before or after a trade. The answers come as
 * options, or are asked one by one in a terminal (or with {@code --interactive}, from standard input).
 */
@Command(name = "annotate", mixinStandardHelpOptions = true,
    description = "Add a pre- or post-trade note to a recorded trade (ACCOUNT/TRANSACTION) or an order (order:ID), or --list"
        + " its notes; notes are journaled with who and when and never changed (docs/reports.md#annotations).")
public final class AnnotateCommand implements Runnable {
  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TRADE", description = "ACCOUNT/TRANSACTION_ID of a recorded trade, or order:CLIENT_ORDER_ID")
  String trade;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  static final class Mode {
    @Option(names = "--pre", description = "before the trade: thesis, intended entry, size rationale, exit plan") boolean pre;
    @Option(names = "--post", description = "after it: outcome, whether it matched the expectation, lesson") boolean post;
    @Option(names = "--list", description = "print the notes") boolean list;
  }

  @Option(names = "--thesis") String thesis;
  @Option(names = "--intended-entry") String intendedEntry;
  @Option(names = "--size-rationale") String sizeRationale;
  @Option(names = "--exit-plan") String exitPlan;
  @Option(names = "--outcome") String outcome;
  @Option(names = "--matched", paramLabel = "yes|no|partly") String matched;
  @Option(names = "--lesson") String lesson;
  @Option(names = "--key", paramLabel = "KEY",
      description = "idempotency key: the same note sent again with the same key is written once") String key;
  @Option(names = "--interactive", description = "ask the questions not given as options, reading answers from standard input")
  boolean interactive;

  @Override
  public void run() {
    String path = path();
    PrintWriter out = spec.commandLine().getOut();
    if (mode.list) {
      JsonNode body = client.expectOk(client.client().get(path));
      if (client.json) {
        out.println(body.toPrettyString());
      } else {
        if (body.get("annotations").isEmpty()) {
          out.println("no notes on " + body.get("ref").asText());
        }
        for (JsonNode a : body.get("annotations")) {
          out.println(a.get("at").asText() + "  " + a.get("phase").asText() + "  by " + a.get("by").asText());
          a.get("answers").fields().forEachRemaining(e -> out.println("  " + e.getKey() + ": " + e.getValue().asText()));
        }
      }
      out.flush();
      return;
    }
    Map<String, String> answers = new LinkedHashMap<>();
    if (mode.pre) {
      put(answers, "thesis", thesis, "Thesis (why this trade)");
      put(answers, "intended_entry", intendedEntry, "Intended entry (price or condition)");
      put(answers, "size_rationale", sizeRationale, "Size rationale");
      put(answers, "exit_plan", exitPlan, "Exit plan");
    } else {
      put(answers, "outcome", outcome, "Outcome");
      put(answers, "matched_expectation", matched, "Did it match the expectation (yes, no, partly)");
      put(answers, "lesson", lesson, "Lesson");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("phase", mode.pre ? "pre" : "post");
    body.put("answers", answers);
    if (key != null) {
      body.put("key", key);
    }
    JsonNode note = client.expectOk(client.client().post(path, body));
    if (client.json) {
      out.println(note.toPrettyString());
    } else {
      out.println("noted (" + note.get("phase").asText() + ") by " + note.get("by").asText() + " at " + note.get("at").asText());
    }
    out.flush();
  }

  private String path() {
    if (trade.startsWith("order:")) {
      return "api/annotations/orders/" + enc(trade.substring("order:".length()));
    }
    int slash = trade.indexOf('/');
    if (slash <= 0 || slash == trade.length() - 1) {
      throw new CliException("error: TRADE: expected ACCOUNT/TRANSACTION_ID or order:CLIENT_ORDER_ID, got \"" + trade + "\"", 2);
    }
    return "api/annotations/trades/" + enc(trade.substring(0, slash)) + "/" + enc(trade.substring(slash + 1));
  }

  private BufferedReader input;

  /** The option's answer, or the one typed at the prompt when asking; nothing when neither. */
  private void put(Map<String, String> answers, String key, String given, String question) {
    String answer = given;
    if (answer == null && asking()) {
      PrintWriter out = spec.commandLine().getOut();
      out.print(question + ": ");
      out.flush();
      try {
        answer = reader().readLine();
      } catch (IOException e) {
        throw new CliException("cannot read the answer: " + e.getMessage(), 1);
      }
    }
    if (answer != null && !answer.isBlank()) {
      answers.put(key, answer.strip());
    }
  }

  private boolean asking() {
    return interactive || System.console() != null;
  }

  private BufferedReader reader() {
    if (input == null) {
      input = System.console() != null && !interactive ? new BufferedReader(System.console().reader())
          : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }
    return input;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
