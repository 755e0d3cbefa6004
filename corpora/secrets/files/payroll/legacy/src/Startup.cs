public class Startup {
    private const string AuthScheme = "Bearer";
}
