package dev.ballast.adapters.notify.email;

import dev.ballast.engine.ops.alerts.Alert;
import dev.ballast.engine.ops.alerts.NotificationChannel;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Supplier;

/** An alert as an e-mail over SMTP (Jakarta Mail, Eclipse Angus): plain text, one message per recipient list. */
public final class EmailChannel implements NotificationChannel {

  /** How the connection is secured: none (loopback relays), STARTTLS (required, port 587) or TLS from the start (465). */
  public enum Security { NONE, STARTTLS, SSL }

  /**
   * The SMTP server. {@code password} is asked at each send (it lives in the vault or the
   * environment, never in configuration or a log line); no username means no authentication.
   */
  public record Smtp(String host, int port, Security security, String username, Supplier<String> password, InternetAddress from,
      Duration timeout, String trustHosts) {
    public Smtp {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("ballast.notify.smtp.host is required for e-mail");
      }
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("ballast.notify.smtp.port " + port + " is not a port");
      }
    }

    /** Masked: no password, even by accident. */
    @Override
    public String toString() {
      return "Smtp[" + host + ":" + port + " " + security + (username == null ? "" : " as " + username) + "]";
    }
  }

  private final String name;
  private final Smtp smtp;
  private final InternetAddress[] to;
  private final Session session;

  public EmailChannel(String name, Smtp smtp, java.util.List<String> to) {
    if (to.isEmpty()) {
      throw new IllegalArgumentException("e-mail " + name + ": no recipient");
    }
    this.name = name;
    this.smtp = smtp;
    this.to = to.stream().map(a -> address(name, a)).toArray(InternetAddress[]::new);
    this.session = Session.getInstance(properties(smtp));
  }

  /** A parsed address, or an error naming the subscription and the address. */
  public static InternetAddress address(String name, String address) {
    try {
      InternetAddress parsed = new InternetAddress(address, true);
      parsed.validate();
      return parsed;
    } catch (AddressException e) {
      throw new IllegalArgumentException("e-mail " + name + ": '" + address + "' is not an e-mail address", e);
    }
  }

  private static Properties properties(Smtp smtp) {
    Properties p = new Properties();
    String protocol = smtp.security() == Security.SSL ? "smtps" : "smtp";
    p.put("mail.transport.protocol", protocol);
    String prefix = "mail." + protocol + ".";
    p.put(prefix + "host", smtp.host());
    p.put(prefix + "port", String.valueOf(smtp.port()));
    p.put(prefix + "auth", String.valueOf(smtp.username() != null));
    String millis = String.valueOf(smtp.timeout().toMillis());
    p.put(prefix + "connectiontimeout", millis);
    p.put(prefix + "timeout", millis);
    p.put(prefix + "writetimeout", millis);
    if (smtp.security() == Security.STARTTLS) {
      // required, not merely enabled: a server that does not offer it is refused rather than sent the password in clear
      p.put(prefix + "starttls.enable", "true");
      p.put(prefix + "starttls.required", "true");
    }
    if (smtp.security() != Security.NONE) {
      p.put(prefix + "ssl.checkserveridentity", "true");
      if (smtp.trustHosts() != null && !smtp.trustHosts().isBlank()) {
        p.put(prefix + "ssl.trust", smtp.trustHosts());
      }
    }
    return p;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Alert alert) throws Exception {
    MimeMessage message = new MimeMessage(session);
    if (smtp.from() != null) {
      message.setFrom(smtp.from());
    }
    message.setRecipients(Message.RecipientType.TO, to);
    message.setSubject(subject(alert), StandardCharsets.UTF_8.name());
    message.setSentDate(Date.from(alert.lastAt() == null ? java.time.Instant.now() : alert.lastAt()));
    message.setText(body(alert), StandardCharsets.UTF_8.name());
    try {
      if (smtp.username() == null) {
        Transport.send(message);
      } else {
        Transport.send(message, smtp.username(), smtp.password().get());
      }
    } catch (MessagingException e) {
      // the server's own words, without the password (Jakarta Mail never puts it in a message)
      throw new MailNotSent(name, smtp, e);
    }
  }

  static String subject(Alert alert) {
    return "[Ballast " + alert.level().name().toLowerCase(Locale.ROOT) + "] " + alert.type() + " " + alert.subject();
  }

  static String body(Alert alert) {
    StringBuilder b = new StringBuilder();
    b.append(alert.message()).append("\n\n");
    b.append("type: ").append(alert.type()).append('\n');
    b.append("level: ").append(alert.level()).append('\n');
    b.append("subject: ").append(alert.subject()).append('\n');
    b.append("alert id: ").append(alert.id()).append('\n');
    b.append("first: ").append(alert.firstAt()).append('\n');
    b.append("last: ").append(alert.lastAt()).append('\n');
    if (alert.count() > 1) {
      b.append("times: ").append(alert.count()).append('\n');
    }
    return b.toString();
  }

  /** The SMTP server did not take the message. */
  public static final class MailNotSent extends Exception {
    MailNotSent(String name, Smtp smtp, MessagingException cause) {
      super("e-mail " + name + " via " + smtp.host() + ":" + smtp.port() + " not sent: " + cause.getMessage(), cause);
    }
  }
}
