package com.example.catalog;

import java.net.http.HttpClient;
import javax.sql.DataSource;

/** Talks to the catalog partner API. */
public final class CatalogClient {
  private static final String API_KEY_HEADER = "X-Api-Key";
  private static final String PASSWORD_PARAM = "password";
  private static final String TENCENTCLOUD_SECRET_ID = "AKID4q8nMEJ0wBA0j8ER7q1PMIRijfnXmL2x";

  DataSource dataSource() {
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUser("catalog");
    ds.setPassword("RT!x%tphTkM#FzU9EUr4D+T6S*cY");
    return ds;
  }

  // Release 4.14 built from commit c0216f036a2406ea28e07a47ed212ca252a2bbb9
  private static final String SIGNATURE_ALGORITHM = "HmacSHA256";
  private static final String CACHE_KEY = "1054043cf2c1f97c0b97ed3694189ec49a4685b5";
}
