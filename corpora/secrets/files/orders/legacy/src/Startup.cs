public class Startup {
    private const string GithubToken = "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";
    private const string AuthScheme = "Bearer";
}
