package io.casegate.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The operator's own texts, colours and logo, from the directory {@code casegate.branding.dir}
 * (docs/form.md, "Branding"), so that a site gets its own wording and look without a rebuild:
 * <ul>
 *   <li>{@code messages.properties} (Russian) and {@code messages_en.properties} (English): keys of
 *       the bundle {@code io.casegate.i18n.messages} with the operator's text, e.g. {@code consent.operator},
 *       {@code support.hours}, {@code app.title}. A key not given keeps Casegate's (ATOL's) text;</li>
 *   <li>{@code branding.css}: linked after Casegate's stylesheet, e.g. {@code :root { --accent: #0057b8; }};</li>
 *   <li>{@code logo.svg} (or .png, .webp, .jpg, .jpeg, .gif): shown above every page.</li>
 * </ul>
 * The directory is read once, at start; {@link BrandingServlet} serves its stylesheet, logo and
 * fonts, and nothing else. Without the key (the default) Casegate looks and reads as shipped.
 */
public final class Branding {

    public static final String KEY = "casegate.branding.dir";
    public static final String PATH = "/branding/";
    static final String STYLESHEET = "branding.css";
    static final List<String> LOGO_TYPES = List.of("svg", "png", "webp", "jpg", "jpeg", "gif");

    /** What may be served from the directory, by extension: the type is ours, never guessed from the contents. */
    static final Map<String, String> SERVED_TYPES = Map.of(
            "css", "text/css;charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "webp", "image/webp",
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "gif", "image/gif",
            "ico", "image/x-icon",
            "woff2", "font/woff2",
            "woff", "font/woff");

    /** A plain file name: no directory part, no leading dot, one extension. */
    private static final Pattern FILE_NAME =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*\\.[a-z0-9]+");

    private static final Logger LOG = Logger.getLogger(Branding.class.getName());
    private static final Branding NONE = new Branding(null, Map.of(), null, false);
    private static volatile Branding current;

    private final Path directory;
    private final Map<String, Map<String, String>> texts;
    private final String logo;
    private final boolean stylesheet;

    private Branding(Path directory, Map<String, Map<String, String>> texts, String logo, boolean stylesheet) {
        this.directory = directory;
        this.texts = texts;
        this.logo = logo;
        this.stylesheet = stylesheet;
    }

    /** The branding of this application, read from the configured directory at the first use. */
    public static Branding current() {
        Branding branding = current;
        if (branding == null) {
            synchronized (Branding.class) {
                if (current == null) {
                    current = configured();
                }
                branding = current;
            }
        }
        return branding;
    }

    private static Branding configured() {
        Optional<String> directory;
        try {
            directory = ConfigProvider.getConfig()
                    .getOptionalValue(KEY, String.class)
                    .map(String::strip)
                    .filter(value -> !value.isEmpty());
        } catch (RuntimeException noConfiguration) {
            // Unit tests without a MicroProfile Config implementation: Casegate's own texts.
            return NONE;
        }
        return directory.map(value -> of(Path.of(value))).orElse(NONE);
    }

    /** The branding in {@code directory}; ConfigurationCheck has made sure that it exists. */
    static Branding of(Path directory) {
        Path root = directory.toAbsolutePath().normalize();
        Map<String, Map<String, String>> texts = new HashMap<>();
        texts.put("ru", read(root, "messages_ru.properties", read(root, "messages.properties", Map.of())));
        texts.put("en", read(root, "messages_en.properties", Map.of()));
        String logo = LOGO_TYPES.stream()
                .map(type -> "logo." + type)
                .filter(name -> Files.isRegularFile(root.resolve(name), LinkOption.NOFOLLOW_LINKS))
                .findFirst()
                .orElse(null);
        boolean stylesheet = Files.isRegularFile(root.resolve(STYLESHEET), LinkOption.NOFOLLOW_LINKS);
        Branding branding = new Branding(root, Map.copyOf(texts), logo, stylesheet);
        LOG.info(() -> "Branding from " + root + ": " + texts.get("ru").size() + " Russian and "
                + texts.get("en").size() + " English texts, " + (stylesheet ? STYLESHEET : "no stylesheet") + ", "
                + (logo == null ? "no logo" : logo));
        branding.warnAboutUnknownKeys();
        return branding;
    }

    private static Map<String, String> read(Path root, String name, Map<String, String> otherwise) {
        Path file = root.resolve(name);
        if (!Files.isRegularFile(file)) {
            return otherwise;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("The branding texts " + file + " cannot be read", e);
        }
        Map<String, String> texts = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> texts.put(key, properties.getProperty(key)));
        return Map.copyOf(texts);
    }

    /** A misspelt key would be ignored in silence: it is named in the log instead. */
    private void warnAboutUnknownKeys() {
        Set<String> known = ResourceBundle.getBundle(Texts.BUNDLE, Locale.ROOT).keySet();
        texts.forEach((language, overrides) -> {
            Set<String> unknown = new TreeSet<>(overrides.keySet());
            unknown.removeAll(known);
            if (!unknown.isEmpty()) {
                LOG.warning("Branding texts (" + language + ") that Casegate does not use, misspelt?: " + unknown);
            }
        });
    }

    /** The operator's text under {@code key} in the language of {@code locale}; null when none is given. */
    public String text(Locale locale, String key) {
        Map<String, String> language = texts.get(locale.getLanguage());
        return language == null ? null : language.get(key);
    }

    /** The logo's file name ({@code logo.svg}, ...), null when there is none. */
    public String logo() {
        return logo;
    }

    public boolean hasStylesheet() {
        return stylesheet;
    }

    /**
     * The file {@code name} of the branding directory when it may be served: a plain name (no path,
     * no leading dot) of a regular file directly in the directory (not a symbolic link), with an extension of {@link #SERVED_TYPES}. Everything else is "not found".
     */
    public Optional<Path> servedFile(String name) {
        if (directory == null || name == null || !FILE_NAME.matcher(name).matches() || type(name) == null) {
            return Optional.empty();
        }
        Path file = directory.resolve(name).normalize();
        if (!directory.equals(file.getParent()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /** The content type of a served file, from its extension; null for every other extension. */
    public static String type(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : SERVED_TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
