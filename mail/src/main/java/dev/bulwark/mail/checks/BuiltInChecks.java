package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.Lookalikes;
import dev.bulwark.mail.message.MailMessage;
import dev.bulwark.mail.message.MailSettings;
import dev.bulwark.mail.message.Reason;
import java.util.List;

/**
 * Every built-in mail check, in the order their reasons are listed: authentication, sender, route,
 * links, attachments, text, structure. Adding a check is adding a line here (and its fixture and
 * doc entry).
 */
public final class BuiltInChecks {
  private static final List<MailCheck> ALL =
      List.of(
          new AuthenticationResult("spf", "fail", 2, Weight.PRIMARY),
          new AuthenticationResult("spf", "softfail", 2, Weight.PRIMARY),
          new AuthenticationResult("spf", "permerror", 2, Weight.PRIMARY),
          new AuthenticationResult("spf", "none", 1, Weight.SUPPORTING),
          new AuthenticationResult("dkim", "fail", 2, Weight.PRIMARY),
          new AuthenticationResult("dkim", "permerror", 2, Weight.PRIMARY),
          new AuthenticationResult("dkim", "none", 1, Weight.SUPPORTING),
          new AuthenticationResult("dmarc", "fail", 3, Weight.PRIMARY),
          new AuthenticationResult("dmarc", "permerror", 3, Weight.PRIMARY),
          new AuthenticationResult("dmarc", "none", 1, Weight.SUPPORTING),
          new AuthenticationResult("arc", "fail", 1, Weight.SUPPORTING),
          new DkimDomainMismatch(),
          new ReplyToMismatch(),
          new ReturnPathMismatch(),
          new BrandImpersonation(),
          new BrandInSubject(),
          new FreemailOrganisation(),
          new OrganisationNameMismatch(),
          new DisplayNameAddress(),
          new ExecutiveImpersonation(),
          new LookalikeDomain(),
          new PunycodeSender(),
          new MalformedFrom(),
          new InvalidSenderAddress(),
          new FreeHostingSender(),
          new JumbledSenderAddress(),
          new HiddenRecipients(),
          new ReceivedChain.OutOfOrder(),
          new ReceivedChain.DateMismatch(),
          new IpLink(),
          new ShortenedLink(),
          new PunycodeLink(),
          new LookalikeLink(),
          new LinkTextMismatch(),
          new BrandInForeignHost(),
          new DisguisedLink(),
          new HostedPageLink(),
          new AbusedTldLink(),
          new NoLinkToSender(),
          new LinkCarriesRecipient(),
          new ActionLinkText(),
          new CredentialForm(),
          new DoubleExtension(),
          new ExecutableAttachment(),
          new MacroDocument(),
          new DisguisedExecutable(),
          new ArchiveHoldsExecutable(),
          new EncryptedArchive(),
          new HtmlSmuggling(),
          new HtmlCredentialPage(),
          new HtmlAttachment(),
          new ArchiveAttachment(),
          new PressureLanguage(),
          new CredentialRequest(),
          new AccountLure(),
          new DeliveryLure(),
          new CallbackLure(),
          new DocumentLure(),
          new ExtortionLure(),
          new BillingLure(),
          new GovernmentLure(),
          new QrCodeLure(),
          new PaymentChange(),
          new GiftCardRequest(),
          new PretextOpener(),
          new MoneyBait(),
          new AdvanceFeeLure(),
          new CryptoLure(),
          new GamblingLure(),
          new FeeToRelease(),
          new ClickPrompt(),
          new PrizeLure(),
          new RomanceLure(),
          new GenericGreeting(),
          new RecipientAddressGreeting(),
          new SafetyClaim(),
          new ConfusableText(),
          new InvisibleCharacters(),
          new AddressesAiReader(),
          new HiddenText(),
          new ImageOnlyBody(),
          new HtmlOnly(),
          new EvasiveStructure());

  private static final List<MailRule> RULES = ALL.stream().map(MailCheck::rule).toList();

  private BuiltInChecks() {}

  public static List<MailCheck> all() {
    return ALL;
  }

  /** The rules of every built-in check, in order. */
  public static List<MailRule> rules() {
    return RULES;
  }

  /** The rule with this id, if a built-in check has it. */
  public static java.util.Optional<MailRule> rule(String id) {
    return RULES.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** Runs every check on a message and returns their reasons in check order. */
  public static List<Reason> run(MailMessage m, MailSettings settings, Lookalikes lookalikes) {
    CheckContext context = new CheckContext(m, settings, lookalikes);
    Reasons out = new Reasons();
    for (MailCheck check : ALL) {
      out.start(check.rule());
      check.check(m, context, out);
    }
    return List.copyOf(out.list());
  }
}
