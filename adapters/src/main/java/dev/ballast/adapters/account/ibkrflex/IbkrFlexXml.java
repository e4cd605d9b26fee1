package dev.ballast.adapters.account.ibkrflex;

import dev.ballast.engine.account.sync.Balance;
import dev.ballast.engine.model.AssetId;
import dev.ballast.engine.model.Quantity;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A Flex query's XML output (IBKR's default format) rewritten as the Flex CSV the statement
 * importer reads: each {@code <Trade>} and {@code <CashTransaction>} becomes a data row whose
 * columns are the XML attributes under their CSV labels, so XML and CSV of one query give the same
 * transactions and ids. The open positions and the cash report are read as the holdings.
 */
final class IbkrFlexXml {
  /** XML attribute -> CSV label where the label is not the attribute with a capital first letter. */
  private static final Map<String, String> LABELS = Map.ofEntries(
      Map.entry("accountId", "ClientAccountID"),
      Map.entry("acctAlias", "AccountAlias"),
      Map.entry("currency", "CurrencyPrimary"),
      Map.entry("assetCategory", "AssetClass"),
      Map.entry("fxRateToBase", "FXRateToBase"),
      Map.entry("ibCommission", "IBCommission"),
      Map.entry("ibCommissionCurrency", "IBCommissionCurrency"),
      Map.entry("ibOrderID", "IBOrderID"),
      Map.entry("ibExecID", "IBExecID"),
      Map.entry("buySell", "Buy/Sell"),
      Map.entry("openCloseIndicator", "Open/CloseIndicator"),
      Map.entry("notes", "Notes/Codes"),
      Map.entry("putCall", "Put/Call"),
      Map.entry("cost", "CostBasis"));
  /** The elements read as rows, by their container: trades (executions, or orders) and cash transactions. */
  private static final Map<String, Set<String>> SECTIONS = Map.of("Trades", Set.of("Trade", "Order"), "CashTransactions", Set.of("CashTransaction"));

  /** The statement as CSV, the element each CSV line came from (for error messages), and the holdings. */
  record Statement(String csv, List<String> origins, List<Balance> balances, List<String> notReported, java.util.Set<AssetId> unlisted) {
    /** Where line {@code n} (1-based) of the CSV came from in the XML. */
    String origin(long line) {
      return line >= 1 && line <= origins.size() ? origins.get((int) line - 1) : "line " + line;
    }
  }

  private IbkrFlexXml() {}

  static boolean isFlexQueryResponse(String body) {
    String head = body.stripLeading();
    if (head.startsWith("<?xml")) {
      int end = head.indexOf("?>");
      head = end < 0 ? head : head.substring(end + 2).stripLeading();
    }
    return head.startsWith("<FlexQueryResponse");
  }

  static Optional<Document> parse(String body) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setExpandEntityReferences(false);
      return Optional.of(f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /**
   * @throws IllegalArgumentException naming what is wrong: not XML, several accounts in one query,
   *     a holding that is not a number
   */
  static Statement read(String body) {
    Document xml = parse(body).orElseThrow(() -> new IllegalArgumentException("the Flex statement is not well-formed XML"));
    List<Element> statements = children(xml.getDocumentElement(), "FlexStatements").stream()
        .flatMap(s -> children(s, "FlexStatement").stream()).toList();
    Set<String> accounts = new LinkedHashSet<>();
    statements.forEach(s -> accounts.add(s.getAttribute("accountId")));
    if (accounts.size() > 1) {
      throw new IllegalArgumentException("the Flex query covers " + accounts.size() + " accounts " + accounts
          + ": one connection reads one account (set the query to that account)");
    }
    StringBuilder csv = new StringBuilder();
    List<String> origins = new ArrayList<>();
    for (Element statement : statements) {
      for (Map.Entry<String, Set<String>> section : List.of(Map.entry("Trades", SECTIONS.get("Trades")),
          Map.entry("CashTransactions", SECTIONS.get("CashTransactions")))) {
        List<Element> rows = children(statement, section.getKey()).stream()
            .flatMap(container -> elements(container).stream().filter(e -> section.getValue().contains(e.getTagName()))).toList();
        if (rows.isEmpty()) {
          continue;
        }
        String code = section.getKey().equals("Trades") ? "TRNT" : "CTRN";
        // the union of the rows' attributes, in the order first seen: IBKR writes the query's columns on every row
        Set<String> attributes = new LinkedHashSet<>();
        rows.forEach(r -> attributeNames(r).forEach(attributes::add));
        List<String> header = new ArrayList<>(List.of("HEADER", code));
        attributes.forEach(a -> header.add(label(a)));
        line(csv, header);
        origins.add("<" + section.getKey() + "> of account " + statement.getAttribute("accountId"));
        int n = 0;
        for (Element row : rows) {
          n++;
          List<String> cells = new ArrayList<>(List.of("DATA", code));
          attributes.forEach(a -> cells.add(row.getAttribute(a)));
          line(csv, cells);
          String id = row.getAttribute("transactionID");
          origins.add("<" + row.getTagName() + "> " + n + " of <" + section.getKey() + ">" + (id.isEmpty() ? "" : " (transactionID " + id + ")"));
        }
      }
    }
    List<String> notReported = new ArrayList<>();
    java.util.Set<AssetId> unlisted = new java.util.TreeSet<>();
    List<Balance> balances = balances(statements, notReported, unlisted);
    return new Statement(csv.toString(), List.copyOf(origins), balances, List.copyOf(notReported), java.util.Set.copyOf(unlisted));
  }

  /**
   * Stock positions (the summary rows when the query lists lots too) and the cash of each currency
   * at the statement's end. A short position or a negative cash balance (a margin loan) is not a
   * holding the balance report can carry: it is named in {@code notReported} instead.
   */
  private static List<Balance> balances(List<Element> statements, List<String> notReported, java.util.Set<AssetId> unlisted) {
    Map<AssetId, BigDecimal> totals = new LinkedHashMap<>();
    for (Element statement : statements) {
      List<Element> positions = children(statement, "OpenPositions").stream().flatMap(c -> children(c, "OpenPosition").stream()).toList();
      boolean summaries = positions.stream().anyMatch(p -> p.getAttribute("levelOfDetail").equalsIgnoreCase("SUMMARY"));
      for (Element p : positions) {
        String level = p.getAttribute("levelOfDetail");
        if (summaries ? !level.equalsIgnoreCase("SUMMARY") : level.equalsIgnoreCase("LOT")) {
          continue;
        }
        String category = p.getAttribute("assetCategory");
        if (!category.isEmpty() && !category.equals("STK")) {
          notReported.add(p.getAttribute("symbol") + " (" + category + ": only stocks are read)");
          try {
            unlisted.add(AssetId.of(p.getAttribute("symbol").replace(' ', '.')));
          } catch (IllegalArgumentException e) {
            // a symbol that is no asset id is no asset of the ledger either
          }
          continue;
        }
        add(totals, notReported, p.getAttribute("symbol").replace(' ', '.'), number(p, "position"));
      }
      for (Element cash : children(statement, "CashReport").stream().flatMap(c -> children(c, "CashReportCurrency").stream()).toList()) {
        String currency = cash.getAttribute("currency");
        // BASE_SUMMARY is the sum of the others in the base currency
        if (currency.matches("[A-Z]{3}")) {
          add(totals, notReported, currency, number(cash, "endingCash"));
        }
      }
    }
    List<Balance> balances = new ArrayList<>();
    totals.forEach((asset, total) -> {
      if (total.signum() < 0) {
        notReported.add(asset + " " + total.toPlainString() + " (negative)");
        unlisted.add(asset);
      } else {
        balances.add(Balance.of(asset, Quantity.of(total)));
      }
    });
    return List.copyOf(balances);
  }

  private static void add(Map<AssetId, BigDecimal> totals, List<String> notReported, String asset, BigDecimal amount) {
    AssetId id;
    try {
      id = AssetId.of(asset);
    } catch (IllegalArgumentException e) {
      notReported.add(asset + " (" + e.getMessage() + ")");
      return;
    }
    totals.merge(id, amount, BigDecimal::add);
  }

  private static BigDecimal number(Element e, String attribute) {
    String value = e.getAttribute(attribute).replace(",", "");
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException ex) {
      throw new IllegalArgumentException("<" + e.getTagName() + " symbol=\"" + e.getAttribute("symbol") + "\" currency=\"" + e.getAttribute("currency")
          + "\">: " + attribute + " \"" + (value.length() > 40 ? value.substring(0, 40) : value) + "\" is not a number");
    }
  }

  static String label(String attribute) {
    String known = LABELS.get(attribute);
    return known != null ? known : Character.toUpperCase(attribute.charAt(0)) + attribute.substring(1);
  }

  private static void line(StringBuilder csv, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      csv.append(i == 0 ? "" : ",").append('"').append(cells.get(i).replace("\"", "\"\"")).append('"');
    }
    csv.append('\n');
  }

  private static List<Element> children(Element parent, String tag) {
    return elements(parent).stream().filter(e -> e.getTagName().equals(tag)).toList();
  }

  private static List<Element> elements(Element parent) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
        out.add((Element) nodes.item(i));
      }
    }
    return out;
  }

  private static List<String> attributeNames(Element e) {
    NamedNodeMap attributes = e.getAttributes();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < attributes.getLength(); i++) {
      names.add(attributes.item(i).getNodeName());
    }
    return names;
  }
}
