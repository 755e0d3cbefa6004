package com.example.catalog;

import java.net.http.HttpClient;
import javax.sql.DataSource;

/** Talks to the catalog partner API. */
public final class CatalogClient {
  private static final String API_KEY_HEADER = "X-Api-Key";
  private static final String PASSWORD_PARAM = "password";
  private static final String LINEAR_API_KEY = "lin_api_5k7rBkoVcAZaZJbGM1G9E31lJV1aoPHkFNQQqLQp";
  private static final String KEYSTORE_PASSWORD = "Falcon!981ember";

  DataSource dataSource() {
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUser("catalog");
    ds.setPassword("juniper-granite-20Saffron");
    return ds;
  }

  // Release 9.3 built from commit 6b407bcc7e74752f2558255c4454e14590150658
  private static final String SIGNATURE_ALGORITHM = "HmacSHA256";
  private static final String CACHE_KEY = "a076c77005e93a112eda281772c141381c8ec229";
  private static final String SIGNING_KEY = "9wlr0PLO6irBF/GBQMqSUhgje2dxVaJtmbJzLLTDhUKQ";
}
