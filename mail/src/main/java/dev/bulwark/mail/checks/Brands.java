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
          "serasa");

  private Brands() {}
}
