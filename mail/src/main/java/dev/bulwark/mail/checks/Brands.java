package dev.bulwark.mail.checks;

import java.util.List;

/** Much-phished brands as they appear in display names and host names. */
final class Brands {
  static final List<String> NAMES =
      List.of(
          "paypal",
          "microsoft",
          "office365",
          "outlook",
          "apple",
          "icloud",
          "amazon",
          "netflix",
          "google",
          "gmail",
          "facebook",
          "instagram",
          "linkedin",
          "dhl",
          "fedex",
          "ups",
          "usps",
          "wells fargo",
          "chase",
          "bank of america",
          "citibank",
          "hsbc",
          "santander",
          "itau",
          "bradesco",
          "caixa",
          "nubank",
          "mercado",
          "docusign",
          "dropbox",
          "adobe",
          "binance",
          "coinbase",
          "metamask",
          "whatsapp",
          "americanas",
          "magalu",
          "correios",
          "serasa",
          "spotify",
          "disney",
          "walmart",
          "costco",
          "norton",
          "mcafee",
          "geek squad",
          "xfinity",
          "comcast",
          "verizon",
          "yahoo",
          "venmo",
          "cash app",
          "zelle",
          "revolut",
          "banco do brasil",
          "bbva",
          "shopee",
          "aliexpress",
          "ebay",
          "airbnb",
          "wetransfer",
          "sharepoint",
          "onedrive",
          "microsoft 365",
          "office 365",
          "trust wallet",
          "royal mail",
          "poste italiane",
          "chronopost",
          "canada post",
          "correos",
          "receita federal",
          "detran",
          "picpay",
          "mercado pago",
          "sicredi",
          "sicoob",
          "hmrc",
          "roblox",
          "kucoin",
          "bybit",
          "kraken",
          "robinhood",
          "ledger",
          "trezor",
          "crypto.com",
          "blockchain.com",
          "opensea",
          "uniswap",
          "exodus wallet",
          "phantom wallet");

  /** Each brand as a whole word: "ups" in "UPS Express", not in "Power Backups". */
  private static final java.util.Map<String, java.util.regex.Pattern> WORDS =
      NAMES.stream()
          .collect(
              java.util.stream.Collectors.toMap(
                  b -> b,
                  b ->
                      java.util.regex.Pattern.compile(
                          "(?<![\\p{L}\\p{N}])"
                              + java.util.regex.Pattern.quote(b)
                              + "(?![\\p{L}\\p{N}])")));

  private Brands() {}

  /** Whether lower-case text names the brand as a word of its own. */
  static boolean names(String lowerText, String brand) {
    return WORDS.get(brand).matcher(lowerText).find();
  }

  /** The first brand lower-case text names as a word of its own, or null. */
  static String named(String lowerText) {
    return NAMES.stream().filter(b -> names(lowerText, b)).findFirst().orElse(null);
  }
}
