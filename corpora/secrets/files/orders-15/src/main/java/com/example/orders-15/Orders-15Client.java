package com.example.analytics;

import java.net.http.HttpClient;
import javax.sql.DataSource;

/** Talks to the analytics partner API. */
public final class AnalyticsClient {
  private static final String API_KEY_HEADER = "X-Api-Key";
  private static final String PASSWORD_PARAM = "password";
  private static final String HUBSPOT_ACCESS_TOKEN = "pat-na1-03f949c1-91f9-4bea-94f1-812592ac7dfe";

  DataSource dataSource() {
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUser("analytics");
    ds.setPassword(System.getenv("DB_PASSWORD"));
    return ds;
  }

  // Release 2.19 built from commit cab3a1ac5c591e11c114d13005c101b6671fe31d
  private static final String SIGNATURE_ALGORITHM = "HmacSHA256";
  private static final String CACHE_KEY = "c6404ab79f75c0945bd2e2c9b1d0038b4b042447";
}
