package com.example.gateway;

import java.net.http.HttpClient;
import javax.sql.DataSource;

/** Talks to the gateway partner API. */
public final class GatewayClient {
  private static final String API_KEY_HEADER = "X-Api-Key";
  private static final String PASSWORD_PARAM = "password";
  private final String apiKey = System.getenv("PARTNER_API_KEY");
  private static final String KEYSTORE_PASSWORD = "UpCNFgtkqaSBpAXg";

  DataSource dataSource() {
    var ds = new org.postgresql.ds.PGSimpleDataSource();
    ds.setUser("gateway");
    ds.setPassword(System.getenv("DB_PASSWORD"));
    return ds;
  }

  // Release 8.2 built from commit f0ade6859deff5e407fdd0e68393f5a6a374bea1
  private static final String SIGNATURE_ALGORITHM = "HmacSHA256";
  private static final String CACHE_KEY = "3e800166b60f5c8ad32ff3732bcf40959c0d513f";
  private static final String SIGNING_KEY = "/uNQEswnVVI1FHYU0p6Sp+5O/ZYZgeMfIrWvFQnSU5y8";
}
