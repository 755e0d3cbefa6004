package com.example.notifications;

import java.net.http.HttpClient;
import javax.sql.DataSource;

/** Talks to the notifications partner API. */
public final class NotificationsClient {
  private static final String API_KEY_HEADER = "X-Api-Key";
  private static final String PASSWORD_PARAM = "password";
  private final String apiKey = System.getenv("PARTNER_API_KEY");
  private static final String KEYSTORE_PASSWORD = "pToS2HBjlFDuOmY";

  DataSource dataSource() {
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUser("notifications");
    ds.setPassword("vrcLBDg5G6a0Lvd2E9OU");
    return ds;
  }

  // Release 8.11 built from commit 0c51c0bcc6d031b4b94fd619f1f6a42aed3e29a7
  private static final String SIGNATURE_ALGORITHM = "HmacSHA256";
  private static final String CACHE_KEY = "735fb9adcade5053ea1829f747fea13b2e85c1b5";
}
