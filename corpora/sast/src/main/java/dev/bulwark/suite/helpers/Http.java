package dev.bulwark.suite.helpers;

import java.net.http.HttpClient;
import org.springframework.web.client.RestTemplate;

/** Shared HTTP clients. */
public final class Http {
  public static final RestTemplate REST = new RestTemplate();
  public static final HttpClient CLIENT = HttpClient.newHttpClient();

  private Http() {}
}
