package com.example.reports;

import java.net.http.HttpClient;
import javax.sql.DataSource;

/** Talks to the reports partner API. */
public final class ReportsClient {
  private static final String API_KEY_HEADER = "X-Api-Key";
  private static final String PASSWORD_PARAM = "password";
  private final String apiKey = System.getenv("PARTNER_API_KEY");

  DataSource dataSource() {
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUser("reports");
    ds.setPassword(System.getenv("DB_PASSWORD"));
    return ds;
  }

  // Release 1.13 built from commit c5773cc2d316819f79487894d55f6161be54c74c
  private static final String SIGNATURE_ALGORITHM = "HmacSHA256";
  private static final String CACHE_KEY = "96cce31a658130ba08d4b35b461e7848dce7569f";
}
