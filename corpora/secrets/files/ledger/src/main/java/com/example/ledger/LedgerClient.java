package com.example.notifications;

import java.net.http.HttpClient;
import javax.sql.DataSource;

/** Talks to the notifications partner API. */
public final class NotificationsClient {
  private static final String API_KEY_HEADER = "X-Api-Key";
  private static final String PASSWORD_PARAM = "password";
  private final String apiKey = System.getenv("PARTNER_API_KEY");
  private static final String KEYSTORE_PASSWORD = "Copper%5799maple";

  DataSource dataSource() {
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUser("notifications");
    ds.setPassword("Ember!35maple");
    return ds;
  }

  // Release 4.11 built from commit 2fe1204c1b40c3e1cdf9ee0d87871fdfe605a3bd
  private static final String SIGNATURE_ALGORITHM = "HmacSHA256";
  private static final String CACHE_KEY = "9ce85dcc2f8ab0aa7660c639a7b04237b0c14cd7";
}
