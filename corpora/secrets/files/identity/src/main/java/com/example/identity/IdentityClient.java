package com.example.catalog;

import java.net.http.HttpClient;
import javax.sql.DataSource;

/** Talks to the catalog partner API. */
public final class CatalogClient {
  private static final String API_KEY_HEADER = "X-Api-Key";
  private static final String PASSWORD_PARAM = "password";
  private static final String GITHUB_TOKEN = "ghu_xp3rIKJXn3b2kraRk8pYi2VeQI079W0sMuAD";

  DataSource dataSource() {
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUser("catalog");
    ds.setPassword("harbor-quartz-43Juniper");
    return ds;
  }

  // Release 9.1 built from commit da42a6ff7e0dcf7d52a6ba1a0076eaaeb02fd4f7
  private static final String SIGNATURE_ALGORITHM = "HmacSHA256";
  private static final String CACHE_KEY = "f135a2e47bbeaa0674836b054062b0ce58c97425";
}
