package com.example.search;

import java.net.http.HttpClient;
import javax.sql.DataSource;

/** Talks to the search partner API. */
public final class SearchClient {
  private static final String API_KEY_HEADER = "X-Api-Key";
  private static final String PASSWORD_PARAM = "password";
  private static final String GOOGLE_API_KEY = "AIzauiazcJswJctEhCDWhqyZSO_8g4hOk0uFhjj";
  private static final String KEYSTORE_PASSWORD = "8wYssVf&gAzNfbqz+fszNej9evo";

  DataSource dataSource() {
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUser("search");
    ds.setPassword("6NELNul8CwzAL8");
    return ds;
  }

  // Release 8.6 built from commit e152ad6900ba6053709995dc31e9655aab523bc4
  private static final String SIGNATURE_ALGORITHM = "HmacSHA256";
  private static final String CACHE_KEY = "b71f982e0888028db2096f1a57ed9644986f6e7d";
}
