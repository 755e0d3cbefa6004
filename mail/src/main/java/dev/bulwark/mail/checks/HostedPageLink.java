package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.List;

/**
 * A link to a page anyone can publish on a trusted provider's domain — shared documents, form
 * builders, cloud storage buckets, free site builders, IPFS gateways — where phishing pages borrow
 * the provider's reputation. Colleagues share such links honestly too, so this supports only.
 */
final class HostedPageLink extends LinkCheck {
  private static final MailRule RULE =
      new MailRule(
          "hosted-page-link",
          2,
          Weight.SUPPORTING,
          Part.LINKS,
          "A link goes to a page anyone can publish on a file, form or site-building service");

  /** Host suffixes (or exact hosts) where anyone can publish a page. */
  private static final List<String> HOSTS =
      List.of(
          "drive.google.com",
          "docs.google.com",
          "forms.gle",
          "sites.google.com",
          "storage.googleapis.com",
          "firebasestorage.googleapis.com",
          ".web.app",
          ".firebaseapp.com",
          ".appspot.com",
          "ipfs.io",
          ".ipfs.dweb.link",
          ".r2.dev",
          ".blob.core.windows.net",
          ".azurewebsites.net",
          ".web.core.windows.net",
          ".s3.amazonaws.com",
          ".glitch.me",
          ".netlify.app",
          ".vercel.app",
          ".pages.dev",
          ".workers.dev",
          ".000webhostapp.com",
          ".weebly.com",
          ".wixsite.com",
          ".square.site",
          ".godaddysites.com",
          ".webflow.io",
          ".notion.site",
          "1drv.ms",
          "onedrive.live.com",
          "dropbox.com/s/",
          "forms.office.com",
          "jotform.com",
          "typeform.com",
          ".ngrok.io",
          ".ngrok-free.app",
          ".herokuapp.com",
          ".repl.co",
          ".github.io",
          ".gitbook.io",
          "telegra.ph",
          ".mystrikingly.com",
          ".yolasite.com",
          ".carrd.co",
          "linktr.ee");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  int limit() {
    return 1;
  }

  @Override
  String judge(MailMessage.Link l, String host, String reg, CheckContext c) {
    String hostAndPath =
        l.href().replaceFirst("(?i)^https?://", "").toLowerCase(java.util.Locale.ROOT);
    for (String h : HOSTS) {
      boolean hit =
          h.startsWith(".")
              ? host.endsWith(h)
              : h.contains("/")
                  ? hostAndPath.startsWith(h) || hostAndPath.startsWith("www." + h)
                  : host.equals(h) || host.endsWith("." + h);
      if (hit) {
        return "a link goes to a page published on " + (h.startsWith(".") ? h.substring(1) : h);
      }
    }
    return null;
  }
}
