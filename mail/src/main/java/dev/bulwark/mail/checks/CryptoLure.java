package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/**
 * Crypto-currency bait or a wallet threat: free coins, an airdrop or token allocation to claim, a
 * payout or withdrawal waiting, a wallet to "verify" before it is restricted, a recovery phrase
 * asked for. Up to three phrases quoted.
 */
final class CryptoLure extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?iu)(?<![\\p{L}\\p{N}])("
              + "free (?:bitcoins?|btc|eth|ethereum|crypto|usdt|tokens?)|airdrops?|"
              + "(?:token|community) allocation|staking rewards?|claim (?:your |the )?(?:[\\p{L}]+ )?tokens?|"
              + "(?:seed|recovery|secret|mnemonic) phrase|private keys?|"
              + "(?:wallet|wa[il1]{2}et) (?:verification|validation|connect|synchroni[sz]ation|will (?:soon )?be (?:suspended|restricted|disabled|locked))|"
              + "verify (?:your )?(?:wallet|wa[il1]{2}et)|(?:unverified|outdated) (?:wallets?|wa[il1]{2}ets?)|"
              + "(?:bitcoin|crypto(?:currency)?|btc|usdt) (?:mining|withdrawal|payout|balance|transfer)|"
              + "connect (?:your )?(?:wallet|wa[il1]{2}et)|(?:hardware|crypto) wallet|ledger live|"
              + "(?:xrp|eth|btc|usdc|usdt|sol) (?:holders?|holdings|cashback|rewards?|allocation)|"
              + "withdrawal (?:error|address|request)|(?:new )?incoming transaction|"
              + "balance (?:has been|was) (?:replenished|credited|topped up)|"
              + "(?:order|confirm|request) the withdrawal|withdrawal of (?:the |your )?funds|"
              + "confirm (?:receipt of|receiving|receive) funds|cloud (?:bitcoin )?mining|\\d+(?:[.,]\\d+)? btc|"
              + "btc[- ]auszahlung|krypto[- ]?(?:auszahlung|gewinn)|"
              + "saque (?:de )?(?:bitcoin|cripto)|retrait (?:de )?(?:bitcoin|crypto)"
              + ")(?![\\p{L}\\p{N}])");

  CryptoLure() {
    super(
        new MailRule(
            "crypto-lure",
            3,
            Weight.PRIMARY,
            Part.TEXT,
            "The text dangles crypto-currency or threatens a wallet: free coins, an airdrop, a"
                + " payout, a wallet to verify, a recovery phrase"),
        PHRASES,
        "the text dangles crypto-currency or threatens a wallet");
  }
}
