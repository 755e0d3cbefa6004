package dev.bulwark.net.proto;

import java.util.HashMap;
import java.util.Map;

/** Names of TLS versions, cipher suites and groups as ssl.log prints them. */
final class TlsNames {
  private TlsNames() {}

  private static final Map<Integer, String> CIPHERS = new HashMap<>();
  private static final Map<Integer, String> GROUPS = new HashMap<>();

  static {
    String ciphers =
        "0000 TLS_NULL_WITH_NULL_NULL;0001 TLS_RSA_WITH_NULL_MD5;0002 TLS_RSA_WITH_NULL_SHA;"
            + "0004 TLS_RSA_WITH_RC4_128_MD5;0005 TLS_RSA_WITH_RC4_128_SHA;000A TLS_RSA_WITH_3DES_EDE_CBC_SHA;"
            + "0016 TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA;002F TLS_RSA_WITH_AES_128_CBC_SHA;"
            + "0032 TLS_DHE_DSS_WITH_AES_128_CBC_SHA;0033 TLS_DHE_RSA_WITH_AES_128_CBC_SHA;"
            + "0035 TLS_RSA_WITH_AES_256_CBC_SHA;0038 TLS_DHE_DSS_WITH_AES_256_CBC_SHA;"
            + "0039 TLS_DHE_RSA_WITH_AES_256_CBC_SHA;003C TLS_RSA_WITH_AES_128_CBC_SHA256;"
            + "003D TLS_RSA_WITH_AES_256_CBC_SHA256;0041 TLS_RSA_WITH_CAMELLIA_128_CBC_SHA;"
            + "0045 TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA;0067 TLS_DHE_RSA_WITH_AES_128_CBC_SHA256;"
            + "006B TLS_DHE_RSA_WITH_AES_256_CBC_SHA256;0084 TLS_RSA_WITH_CAMELLIA_256_CBC_SHA;"
            + "0088 TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA;009C TLS_RSA_WITH_AES_128_GCM_SHA256;"
            + "009D TLS_RSA_WITH_AES_256_GCM_SHA384;009E TLS_DHE_RSA_WITH_AES_128_GCM_SHA256;"
            + "009F TLS_DHE_RSA_WITH_AES_256_GCM_SHA384;00FF TLS_EMPTY_RENEGOTIATION_INFO_SCSV;"
            + "1301 TLS_AES_128_GCM_SHA256;1302 TLS_AES_256_GCM_SHA384;1303 TLS_CHACHA20_POLY1305_SHA256;"
            + "1304 TLS_AES_128_CCM_SHA256;1305 TLS_AES_128_CCM_8_SHA256;5600 TLS_FALLBACK_SCSV;"
            + "C007 TLS_ECDHE_ECDSA_WITH_RC4_128_SHA;C009 TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA;"
            + "C00A TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA;C011 TLS_ECDHE_RSA_WITH_RC4_128_SHA;"
            + "C012 TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA;C013 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;"
            + "C014 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA;C023 TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256;"
            + "C024 TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384;C027 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256;"
            + "C028 TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384;C02B TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;"
            + "C02C TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384;C02F TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;"
            + "C030 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384;CCA8 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256;"
            + "CCA9 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256;CCAA TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256;"
            + "CC13 TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256_OLD;CC14 TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256_OLD";
    for (String e : ciphers.split(";")) {
      CIPHERS.put(Integer.parseInt(e.substring(0, 4), 16), e.substring(5));
    }
    String groups =
        "23 secp256r1;24 secp384r1;25 secp521r1;29 x25519;30 x448;21 secp224r1;22 secp256k1;"
            + "256 ffdhe2048;257 ffdhe3072;258 ffdhe4096;4588 X25519MLKEM768;4587 SecP256r1MLKEM768;"
            + "25497 X25519Kyber768Draft00";
    for (String e : groups.split(";")) {
      String[] kv = e.split(" ");
      GROUPS.put(Integer.parseInt(kv[0]), kv[1]);
    }
  }

  static String cipher(int id) {
    String n = CIPHERS.get(id);
    return n != null ? n : "unknown-" + id;
  }

  static String group(int id) {
    String n = GROUPS.get(id);
    return n != null ? n : "unknown-" + id;
  }

  static String version(int v) {
    return switch (v) {
      case 0x0002 -> "SSLv2";
      case 0x0300 -> "SSLv3";
      case 0x0301 -> "TLSv10";
      case 0x0302 -> "TLSv11";
      case 0x0303 -> "TLSv12";
      case 0x0304 -> "TLSv13";
      case 0xfeff -> "DTLSv10";
      case 0xfefd -> "DTLSv12";
      case 0xfefc -> "DTLSv13";
      default -> "unknown-" + v;
    };
  }
}
