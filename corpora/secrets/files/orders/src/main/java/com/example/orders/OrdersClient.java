package com.example.notifications;

import java.net.http.HttpClient;
import javax.sql.DataSource;

/** Talks to the notifications partner API. */
public final class NotificationsClient {
  private static final String API_KEY_HEADER = "X-Api-Key";
  private static final String PASSWORD_PARAM = "password";
  private final String apiKey = System.getenv("PARTNER_API_KEY");
  private static final String KEYSTORE_PASSWORD = "wG1JkZm8DqBdGJrqH";

  DataSource dataSource() {
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUser("notifications");
    ds.setPassword(System.getenv("DB_PASSWORD"));
    return ds;
  }

  // Release 2.1 built from commit 63f1496a54353d35b04a8c37e492496f627df4be
  private static final String SIGNATURE_ALGORITHM = "HmacSHA256";
  private static final String CACHE_KEY = "ed99d98d5b6f05870f6aa865f0efd562b7d95118";
  private static final String SIGNING_KEY = "SZmdXDDllIEGEM5rmGoDtcAY62dggpUC3gBPnt/PtiWu";
}
