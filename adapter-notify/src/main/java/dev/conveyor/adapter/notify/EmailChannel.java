package dev.conveyor.adapter.notify;

import dev.conveyor.model.Delivery;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/**
 * Sends a delivery as a plain-text email through the configured SMTP server (Jakarta Mail, Eclipse Angus). The
 * server's refusal of every recipient or an address that is not one is final; anything else (the server down, a
 * temporary refusal) is tried again.
 */
final class EmailChannel implements Channel {

    static final String NAME = "email";

    private final SmtpSettings smtp;
    private final Session session;
    private final Clock clock;

    EmailChannel(SmtpSettings smtp, Clock clock) {
        this.smtp = smtp;
        this.clock = clock;
        Properties properties = new Properties();
        String millis = Long.toString(smtp.timeout().toMillis());
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", Integer.toString(smtp.port()));
        properties.put("mail.smtp.connectiontimeout", millis);
        properties.put("mail.smtp.timeout", millis);
        properties.put("mail.smtp.writetimeout", millis);
        properties.put("mail.smtp.auth", Boolean.toString(smtp.username().isPresent()));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(smtp.security().equals("starttls")));
        properties.put("mail.smtp.starttls.required", Boolean.toString(smtp.security().equals("starttls")));
        properties.put("mail.smtp.ssl.enable", Boolean.toString(smtp.security().equals("ssl")));
        this.session = Session.getInstance(properties);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Attempt attempt(Delivery delivery) {
        MimeMessage message = new MimeMessage(session);
        try {
            MailText mail = MailText.of(delivery.body());
            message.setFrom(new InternetAddress(smtp.from(), true));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(delivery.target(), true));
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setText(mail.text(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader("X-Conveyor-Message-Id", delivery.messageId());
        } catch (AddressException e) {
            return Attempt.refused("not an email address: " + e.getMessage());
        } catch (MessagingException | IllegalArgumentException e) {
            return Attempt.refused("cannot write the mail: " + e.getMessage());
        }
        try {
            if (smtp.username().isPresent()) {
                Transport.send(message, smtp.username().get(), smtp.password().orElse(""));
            } else {
                Transport.send(message);
            }
            return Attempt.delivered("sent to " + delivery.target());
        } catch (SendFailedException e) {
            boolean noneSent = e.getValidSentAddresses() == null || e.getValidSentAddresses().length == 0;
            boolean invalid = e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
            return noneSent && invalid ? Attempt.refused("SMTP refused the recipients: " + e.getMessage())
                    : Attempt.failed("SMTP: " + e.getMessage());
        } catch (MessagingException e) {
            return Attempt.failed("SMTP: " + e.getMessage());
        }
    }
}
