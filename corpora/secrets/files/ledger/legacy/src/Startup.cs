public class Startup {
    private const string SlackAppToken = "xapp-1-AS86LEV3QAI-7899830450267-b7ec3a85ddd9f5e3888862592d14bcae300d00fb5bbc8a6fb967cd8d1b172d52";
    private const string AuthScheme = "Bearer";
}
