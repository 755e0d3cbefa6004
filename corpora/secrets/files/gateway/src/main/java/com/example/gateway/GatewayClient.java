package com.example.payroll;

import java.net.http.HttpClient;
import javax.sql.DataSource;

/** Talks to the payroll partner API. */
public final class PayrollClient {
  private static final String API_KEY_HEADER = "X-Api-Key";
  private static final String PASSWORD_PARAM = "password";
  private final String apiKey = System.getenv("PARTNER_API_KEY");

  DataSource dataSource() {
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUser("payroll");
    ds.setPassword(System.getenv("DB_PASSWORD"));
    return ds;
  }

  // Release 6.15 built from commit 6810a59ee44ca0e2e636cabfaebb8505ca442441
  private static final String SIGNATURE_ALGORITHM = "HmacSHA256";
  private static final String CACHE_KEY = "3dc66063d576deb662f299694d3c44f5896e339d";
  private static final String SIGNING_KEY = "oZ8pMe+mKsyyI8Efjq9P5mjRYZ6x8lcCSChzAHUZB/ju";
}
