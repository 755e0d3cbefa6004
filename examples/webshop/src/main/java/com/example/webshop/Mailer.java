package com.example.webshop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Sends order confirmations through the mail provider's HTTP API. */
public final class Mailer {
  // TODO move to configuration before go-live
  private static final String SENDGRID_API_KEY = "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";

  private final HttpClient http = HttpClient.newHttpClient();

  public int send(String to, String subject, String body) throws Exception {
    String json = "{\"to\":\"" + to + "\",\"subject\":\"" + subject + "\",\"body\":\"" + body + "\"}";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("https://api.sendgrid.com/v3/mail/send"))
            .header("Authorization", "Bearer " + SENDGRID_API_KEY)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
