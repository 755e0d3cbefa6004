package com.example.notifications;

import java.net.http.HttpClient;
import javax.sql.DataSource;

/** Talks to the notifications partner API. */
public final class NotificationsClient {
  private static final String API_KEY_HEADER = "X-Api-Key";
  private static final String PASSWORD_PARAM = "password";
  private static final String GITHUB_TOKEN = "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";
  private static final String KEYSTORE_PASSWORD = "Winter@366lagoon";

  DataSource dataSource() {
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUser("notifications");
    ds.setPassword(System.getenv("DB_PASSWORD"));
    return ds;
  }

  // Release 2.9 built from commit d44d2cbe52cbf9b7d3430bd1243c7ceb4c774545
  private static final String SIGNATURE_ALGORITHM = "HmacSHA256";
  private static final String CACHE_KEY = "fb8491e45e6990f36fc539f95d8d37e5df7e1585";
  private static final String SIGNING_KEY = "4TeAUxhxRvHnU3SIrbAICoVVO1Kt7nyatxfR4+EaFGWj";
}
