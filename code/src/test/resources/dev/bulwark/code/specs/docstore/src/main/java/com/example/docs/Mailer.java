package com.example.docs;

/** Sends notification mails; implemented by the deployment's mail module. */
public interface Mailer {
  void sendTemplate(String template, String recipient);
}
