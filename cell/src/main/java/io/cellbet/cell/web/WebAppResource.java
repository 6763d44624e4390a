package io.cellbet.cell.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellbet.cell.config.application.BrandCatalog;
import io.cellbet.contracts.config.BrandConfig;
import io.cellbet.platform.id.BrandCode;
import io.cellbet.sportsbook.api.PlayerOffer;
import io.cellbet.sportsbook.api.SportNode;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The player web app's pages: one HTML shell per brand and route, rendered by the server so the first page is
 * useful before the script runs. The shell carries the brand's theme (name, colours, logo), the texts of the
 * player's language, the sports tree as plain links, and the route's data as JSON (the event of an event page), so
 * the app ({@code /assets/app.js}) renders without a further round trip. Every path under {@code /app/{brand}/} is
 * the app: the script routes with the History API and a reload lands on the same page.
 */
@Path("/")
public class WebAppResource {

    /** The cookie holding the player's language choice. */
    public static final String LANGUAGE_COOKIE = "cellbet_lang";
    private static final Pattern EVENT_ROUTE = Pattern.compile("event/([a-z]+:[a-z_]+:[0-9]{1,18})");
    private static final List<String> ROUTES = List.of("", "live", "sport", "event", "signup", "login", "bets",
            "wallet", "settings", "embed");

    private final BrandCatalog brands;
    private final PlayerOffer sportsbook;
    private final WebTexts texts;
    private final ObjectMapper json;
    private final String assetVersion;

    public WebAppResource(BrandCatalog brands, PlayerOffer sportsbook, WebTexts texts, ObjectMapper json) {
        this.brands = brands;
        this.sportsbook = sportsbook;
        this.texts = texts;
        this.json = json;
        this.assetVersion = assetVersion("META-INF/resources/assets/app.js", "META-INF/resources/assets/app.css");
    }

    /** A brand's own domain: its app. */
    @GET
    @Operation(summary = "The web app of the brand whose domain the request names (Host), else 404")
    public Response root(@HeaderParam(HttpHeaders.HOST) String host) {
        String name = host == null ? "" : host.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
        return brands.list(BrandCatalog.PAGE_MAX).stream()
                .filter(brand -> brand.domains() != null && brand.domains().contains(name)).findFirst()
                .map(brand -> Response.seeOther(URI.create("/app/" + brand.code() + "/")).build())
                .orElseGet(() -> page(404, "Cellbet", "No brand is served on " + name + "."));
    }

    @GET
    @Path("app/{brand}")
    @Operation(summary = "The brand's web app (redirects to /app/{brand}/)")
    public Response app(@PathParam("brand") String brand) {
        return Response.status(301).location(URI.create("/app/" + brand + "/")).build();
    }

    @GET
    @Path("app/{brand}/{route: .*}")
    @Operation(summary = "A page of the brand's web app: the HTML shell the script takes over")
    public Response page(@PathParam("brand") String brand, @PathParam("route") String route,
            @QueryParam("lang") String lang, @CookieParam(LANGUAGE_COOKIE) String langCookie) {
        Optional<BrandConfig> found = BrandCode.isValid(brand) ? brands.find(brand) : Optional.empty();
        if (found.isEmpty()) {
            return page(404, "Cellbet", "This site is not served here.");
        }
        BrandConfig config = found.get();
        String section = route.split("/", 2)[0];
        if (!ROUTES.contains(section)) {
            return page(404, config.name(), "No such page.");
        }
        String language = WebTexts.language(lang != null ? lang : langCookie, config.defaultLocale());
        Map<String, String> words = texts.of(language);
        List<SportNode> sports = sportsbook.sports(config.code()).orElse(List.of());
        Map<String, Object> boot = new LinkedHashMap<>();
        boot.put("brand", brandView(config));
        boot.put("language", language);
        boot.put("languages", WebTexts.LANGUAGES);
        boot.put("texts", words);
        boot.put("sports", sports);
        Matcher event = EVENT_ROUTE.matcher(route);
        if (event.matches()) {
            boot.put("event", sportsbook.event(event.group(1), config.code()).orElse(null));
        }
        Response.ResponseBuilder answer = Response.ok(shell(config, language, words, sports, boot))
                .type("text/html; charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("Content-Security-Policy", contentSecurityPolicy(config))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin");
        if (lang != null && WebTexts.LANGUAGES.contains(lang)) {
            answer.cookie(new NewCookie.Builder(LANGUAGE_COOKIE).value(lang).path("/app/" + config.code() + "/")
                    .maxAge(365 * 24 * 3600).sameSite(NewCookie.SameSite.LAX).build());
        }
        return answer.build();
    }

    /** What the app needs of the brand: never its wallet endpoint or secrets. */
    static Map<String, Object> brandView(BrandConfig config) {
        Map<String, Object> brand = new LinkedHashMap<>();
        brand.put("code", config.code());
        brand.put("name", config.name());
        brand.put("currencies", config.currencies() == null ? List.of() : config.currencies());
        brand.put("walletMode", config.walletMode());
        brand.put("kycGate", config.kycGateOrNone());
        brand.put("theme", config.theme());
        return brand;
    }

    /**
     * Scripts, styles and sockets only from the cell itself; pictures also from https (a brand's logo); framed only
     * by the cell itself and the origins the brand allows for embedding.
     */
    static String contentSecurityPolicy(BrandConfig config) {
        StringBuilder ancestors = new StringBuilder("'self'");
        for (String origin : WebEmbedding.allowedOrigins(config)) {
            ancestors.append(' ').append(origin);
        }
        return "default-src 'self'; img-src 'self' data: https: http:; style-src 'self' 'unsafe-inline'; "
                + "script-src 'self'; connect-src 'self' ws: wss:; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors " + ancestors;
    }

    private String shell(BrandConfig brand, String language, Map<String, String> words, List<SportNode> sports,
            Map<String, Object> boot) {
        String base = "/app/" + brand.code() + "/";
        BrandConfig.Theme theme = brand.theme();
        String primary = colour(theme == null ? null : theme.primaryColour(), "#0b6e4f");
        String secondary = colour(theme == null ? null : theme.secondaryColour(), "#ffffff");
        StringBuilder html = new StringBuilder(8192);
        html.append("<!doctype html><html lang=\"").append(language)
                .append("\" data-ready=\"false\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(escape(brand.name())).append("</title>")
                .append("<style>:root{--brand:").append(primary).append(";--brand-ink:").append(secondary)
                .append("}</style>")
                .append("<link rel=\"icon\" href=\"/assets/icon.svg\">")
                .append("<link rel=\"stylesheet\" href=\"/assets/app.css?v=").append(assetVersion).append("\">")
                .append("<script type=\"module\" src=\"/assets/app.js?v=").append(assetVersion)
                .append("\"></script></head><body>")
                .append("<a class=\"skip\" href=\"#main\">").append(escape(words.get("nav.skip"))).append("</a>")
                .append("<header id=\"top\" class=\"top\"><a class=\"brand\" href=\"").append(base).append("\">");
        if (theme != null && theme.logoUrl() != null) {
            html.append("<img class=\"logo\" alt=\"\" src=\"").append(escape(theme.logoUrl())).append("\">");
        }
        html.append("<span>").append(escape(brand.name())).append("</span></a><nav class=\"account\">")
                .append("<a data-test=\"nav-live\" href=\"").append(base).append("live\">")
                .append(escape(words.get("nav.live"))).append("</a>")
                .append("<a data-test=\"nav-login\" href=\"").append(base).append("login\">")
                .append(escape(words.get("nav.login"))).append("</a>")
                .append("<a data-test=\"nav-signup\" class=\"primary\" href=\"").append(base).append("signup\">")
                .append(escape(words.get("nav.signup"))).append("</a></nav></header>")
                .append("<div class=\"layout\"><nav id=\"sports\" class=\"sports\" aria-label=\"")
                .append(escape(words.get("sports.title"))).append("\"><h2>")
                .append(escape(words.get("sports.title"))).append("</h2><ul>");
        for (SportNode sport : sports) {
            html.append("<li><a data-test=\"sport\" data-sport-id=\"").append(sport.id()).append("\" href=\"")
                    .append(base).append("sport/").append(sport.id()).append("\">").append(escape(sport.name()))
                    .append(" <span class=\"count\">").append(sport.events()).append("</span></a></li>");
        }
        html.append("</ul></nav><main id=\"main\" tabindex=\"-1\"><p class=\"loading\">")
                .append(escape(words.get("app.loading"))).append("</p><noscript><p>")
                .append(escape(words.get("app.noscript"))).append("</p></noscript></main>")
                .append("<aside id=\"betslip\" class=\"betslip\" data-test=\"betslip\" aria-label=\"")
                .append(escape(words.get("slip.title"))).append("\"></aside></div>")
                .append("<div id=\"toast\" class=\"toast\" role=\"status\" aria-live=\"polite\"></div>")
                .append("<script type=\"application/json\" id=\"boot\">").append(scriptJson(boot))
                .append("</script></body></html>");
        return html.toString();
    }

    private Response page(int status, String title, String message) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + escape(title) + "</title></head><body>"
                + "<h1>" + escape(title) + "</h1><p>" + escape(message) + "</p></body></html>";
        return Response.status(status).type("text/html; charset=utf-8").entity(html).build();
    }

    /** JSON safe inside a script element: no {@code </script>}, no HTML comment openers. */
    private String scriptJson(Object value) {
        try {
            return json.writeValueAsString(value).replace("<", "\\u003c").replace(">", "\\u003e")
                    .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the app's boot data", e);
        }
    }

    private static String colour(String value, String fallback) {
        return value != null && value.matches("#[0-9a-fA-F]{6}") ? value : fallback;
    }

    /** Text for HTML content and double-quoted attributes. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A digest of the assets, so a new build's shell names new URLs and no browser keeps an old script. */
    private static String assetVersion(String... resources) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String resource : resources) {
                try (InputStream in = WebAppResource.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in != null) {
                        digest.update(in.readAllBytes());
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
