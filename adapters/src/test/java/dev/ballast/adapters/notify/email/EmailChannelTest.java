package dev.ballast.adapters.notify.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.ballast.engine.ops.alerts.Alert;
import dev.ballast.engine.ops.alerts.AlertLevel;
import dev.ballast.engine.ops.alerts.AlertType;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** E-mail alerts through a real SMTP server on loopback (GreenMail) that authenticates its user. */
class EmailChannelTest {
  private static final String PASSWORD = "smtp-pass-7f3a91";
  private GreenMail smtp;

  @BeforeEach
  void start() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    smtp.setUser("alerts@ballast.test", "alerts", PASSWORD);
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  private EmailChannel.Smtp settings(EmailChannel.Security security, String password) {
    return new EmailChannel.Smtp("127.0.0.1", smtp.getSmtp().getPort(), security, "alerts", () -> password,
        EmailChannel.address("test", "Ballast <alerts@ballast.test>"), Duration.ofSeconds(5), null);
  }

  private static Alert alert() {
    return new Alert(42, AlertType.EMERGENCY_STOP, AlertLevel.EMERGENCY, "kill-switch", "trading stopped by ops: test",
        Instant.parse("2026-03-02T10:00:00Z"), Instant.parse("2026-03-02T10:00:00Z"), 1, null, null, null);
  }

  @Test
  void anAlertArrivesAsPlainTextToEveryRecipientAfterAuthentication() throws Exception {
    EmailChannel channel = new EmailChannel("owner-mail", settings(EmailChannel.Security.NONE, PASSWORD), List.of("owner@ballast.test",
        "ops@ballast.test"));

    channel.send(alert());

    assertTrue(smtp.waitForIncomingEmail(5_000, 2));
    MimeMessage[] received = smtp.getReceivedMessages();
    assertEquals(2, received.length);
    assertEquals("[Ballast emergency] EMERGENCY_STOP kill-switch", received[0].getSubject());
    assertEquals("alerts@ballast.test", ((jakarta.mail.internet.InternetAddress) received[0].getFrom()[0]).getAddress());
    String body = GreenMailUtil.getBody(received[0]);
    assertTrue(body.contains("trading stopped by ops: test"), body);
    assertTrue(body.contains("alert id: 42"), body);
    assertFalse(body.contains(PASSWORD));
  }

  @Test
  void aWrongPasswordIsRefusedAndTheErrorDoesNotCarryThePassword() {
    EmailChannel channel = new EmailChannel("owner-mail", settings(EmailChannel.Security.NONE, "wrong-" + PASSWORD), List.of("owner@ballast.test"));

    EmailChannel.MailNotSent failure = assertThrows(EmailChannel.MailNotSent.class, () -> channel.send(alert()));

    assertTrue(failure.getMessage().startsWith("e-mail owner-mail via 127.0.0.1:"), failure.getMessage());
    assertFalse(failure.getMessage().contains(PASSWORD), failure.getMessage());
    assertEquals(0, smtp.getReceivedMessages().length);
  }

  @Test
  void requiredStartTlsIsNotDowngradedOnAServerThatDoesNotOfferIt() {
    EmailChannel channel = new EmailChannel("owner-mail", settings(EmailChannel.Security.STARTTLS, PASSWORD), List.of("owner@ballast.test"));

    EmailChannel.MailNotSent failure = assertThrows(EmailChannel.MailNotSent.class, () -> channel.send(alert()));

    assertTrue(failure.getMessage().toUpperCase(java.util.Locale.ROOT).contains("STARTTLS"), failure.getMessage());
    assertEquals(0, smtp.getReceivedMessages().length);
  }

  @Test
  void aBadAddressIsRefusedNamingTheSubscriptionAndTheAddress() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new EmailChannel("owner-mail", settings(EmailChannel.Security.NONE, PASSWORD), List.of("not an address")));
    assertEquals("e-mail owner-mail: 'not an address' is not an e-mail address", e.getMessage());
    assertTrue(settings(EmailChannel.Security.NONE, PASSWORD).toString().indexOf(PASSWORD) < 0);
  }
}
