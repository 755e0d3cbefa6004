package com.example.billing;

import java.net.http.HttpClient;
import javax.sql.DataSource;

/** Talks to the billing partner API. */
public final class BillingClient {
  private static final String API_KEY_HEADER = "X-Api-Key";
  private static final String PASSWORD_PARAM = "password";
  private final String apiKey = System.getenv("PARTNER_API_KEY");

  DataSource dataSource() {
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUser("billing");
    ds.setPassword(System.getenv("DB_PASSWORD"));
    return ds;
  }

  // Release 8.13 built from commit 64eadd7c8115f3d310983e9b473f1e35b610164f
  private static final String SIGNATURE_ALGORITHM = "HmacSHA256";
  private static final String CACHE_KEY = "9802fa4d9a0c1c3525e29363154eac21763fdee4";
}
