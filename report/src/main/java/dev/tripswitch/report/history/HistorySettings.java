package dev.tripswitch.report.history;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run history's settings, each read from a system property, else from {@code tripswitch.properties} on the class
 * path, else its default; a bad value is refused with a message naming the setting, the value, where it was given
 * and what is allowed:
 * <ul>
 *   <li>{@value #HISTORY}: where the history is kept — a folder (absolute, or relative to the working directory;
 *       {@code file:<folder>} too), a history store URI a module serves ({@code redis://host:6379} with
 *       {@code tripswitch-redis}), or {@code off} (no history, no report). Default: {@link DefaultLocation};</li>
 *   <li>{@value #KEEP}: the most runs kept, 1 to {@value #MOST_RUNS} (default {@value #DEFAULT_KEEP});</li>
 *   <li>{@value #MAX_SIZE}: the most the history may take, such as {@code 500KB}, {@code 200MB}, {@code 2GB}, 1MB to
 *       1TB (default 200MB); the oldest runs go first, the run being written never;</li>
 *   <li>{@value #REPORT}: {@code true} (default) writes the run's HTML report at the end of each run;</li>
 *   <li>{@value #REPORTS}: the folder of the HTML reports (default: {@code reports/} in the history's folder, or in
 *       the default folder for a history store URI).</li>
 * </ul>
 */
public final class HistorySettings {

    public static final String HISTORY = "tripswitch.history";
    public static final String KEEP = "tripswitch.history.keep";
    public static final String MAX_SIZE = "tripswitch.history.maxSize";
    public static final String REPORT = "tripswitch.history.report";
    public static final String REPORTS = "tripswitch.history.reports";
    public static final int DEFAULT_KEEP = 200;
    public static final int MOST_RUNS = 100_000;
    public static final long DEFAULT_MAX_BYTES = 200L << 20;
    private static final long LEAST_BYTES = 1L << 20;
    private static final long MOST_BYTES = 1L << 40;
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB|TB)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCHEME = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*)://.*");

    /** A value and where it was given. */
    public record Given(String value, String origin) {
    }

    private final Given history; // null: the default location
    private final Path folder; // null: off, or a store URI
    private final int keep;
    private final long maxBytes;
    private final boolean report;
    private final Path reports; // null: the default

    private HistorySettings(Given history, Path folder, int keep, long maxBytes, boolean report, Path reports) {
        this.history = history;
        this.folder = folder;
        this.keep = keep;
        this.maxBytes = maxBytes;
        this.report = report;
        this.reports = reports;
    }

    /**
     * The settings in force for a JVM working in {@code workingDirectory}: system properties over
     * {@code tripswitch.properties} of {@code loader}.
     *
     * @throws IllegalArgumentException for a bad value, naming the setting, the value, where and what is allowed
     */
    public static HistorySettings fromSystem(ClassLoader loader, Path workingDirectory) {
        return from(given(loader), workingDirectory, System::getenv);
    }

    /** The settings {@code given} says (by setting name), for a JVM working in {@code workingDirectory}. */
    public static HistorySettings from(Map<String, Given> given, Path workingDirectory,
                                       Function<String, String> environment) {
        Given history = given.get(HISTORY);
        Path folder;
        if (history == null || history.value().isBlank()) {
            history = null;
            folder = DefaultLocation.historyFolder(workingDirectory, environment);
        } else if (isOff(history.value())) {
            folder = null;
        } else if (SCHEME.matcher(history.value().trim()).matches()
                && !history.value().trim().toLowerCase(Locale.ROOT).startsWith("file:")) {
            folder = null; // a store URI: checked when opened
        } else {
            String v = history.value().trim();
            folder = workingDirectory.resolve(v.regionMatches(true, 0, "file:", 0, 5) ? v.substring(5) : v)
                    .toAbsolutePath().normalize();
        }
        int keep = (int) number(given.get(KEEP), KEEP, DEFAULT_KEEP, 1, MOST_RUNS);
        long maxBytes = size(given.get(MAX_SIZE));
        boolean report = bool(given.get(REPORT), REPORT, true);
        Given r = given.get(REPORTS);
        Path reports = r == null || r.value().isBlank() ? null
                : workingDirectory.resolve(r.value().trim()).toAbsolutePath().normalize();
        return new HistorySettings(history, folder, keep, maxBytes, report, reports);
    }

    /** Every history setting given as a system property or in {@code tripswitch.properties}, with where. */
    public static Map<String, Given> given(ClassLoader loader) {
        Map<String, Given> out = new LinkedHashMap<>();
        URL file = loader == null ? null : loader.getResource("tripswitch.properties");
        if (file != null) {
            Properties p = new Properties();
            try (InputStream in = file.openStream()) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("tripswitch.properties (" + file + ") cannot be read: " + e);
            }
            copy(p, "tripswitch.properties (" + file + ")", out);
        }
        copy(System.getProperties(), "system property", out);
        return out;
    }

    private static void copy(Properties p, String origin, Map<String, Given> out) {
        for (String key : List.of(HISTORY, KEEP, MAX_SIZE, REPORT, REPORTS)) {
            String v = p.getProperty(key);
            if (v != null) {
                out.put(key, new Given(v, origin));
            }
        }
    }

    /** True when the history is switched off ({@value #HISTORY}{@code =off}). */
    public boolean isOff() {
        return history != null && isOff(history.value());
    }

    private static boolean isOff(String v) {
        return v.trim().equalsIgnoreCase("off") || v.trim().equalsIgnoreCase("false")
                || v.trim().equalsIgnoreCase("none");
    }

    public int keep() {
        return keep;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Whether the run's HTML report is written at the end of each run. */
    public boolean writesReport() {
        return report;
    }

    /** The history's folder, or null for a store URI (or off). */
    public Path folder() {
        return folder;
    }

    /**
     * Opens the history: the folder (created when missing, with a {@code .gitignore} that keeps a default
     * {@code .tripswitch} folder out of version control), or the store a provider serves.
     *
     * @throws IllegalArgumentException when it cannot be: a file where a folder should be, a folder that cannot
     *                                  be created or written, an unknown scheme, a bad URI
     */
    public HistoryStore open(ClassLoader loader) {
        if (isOff()) {
            throw new IllegalStateException("the history is off");
        }
        if (folder != null) {
            checkFolder();
            return new FolderHistory(folder);
        }
        String value = history.value().trim();
        String scheme = value.substring(0, value.indexOf(':')).toLowerCase(Locale.ROOT);
        StringBuilder allowed = new StringBuilder("a folder, file:<folder>, off");
        for (HistoryStoreProvider p : ServiceLoader.load(HistoryStoreProvider.class, loader)) {
            for (String s : p.schemes()) {
                allowed.append(", ").append(p.form().replace("{scheme}", s));
            }
            if (p.schemes().contains(scheme)) {
                try {
                    return p.open(value);
                } catch (IllegalArgumentException e) {
                    throw refused(HISTORY, history, e.getMessage());
                }
            }
        }
        throw refused(HISTORY, history, "unknown history store '" + scheme + "' (no module on the class path serves"
                + " it: add the Tripswitch module of that store); allowed: " + allowed);
    }

    private void checkFolder() {
        String allowed = "must be a folder that can be created and written (or off, or a history store URI)";
        Given shown = history != null ? history : new Given(folder.toString(), "default");
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw refused(HISTORY, shown, allowed + ", but " + folder + " is a file");
        }
        try {
            boolean fresh = !Files.exists(folder);
            Files.createDirectories(folder);
            if (fresh && history == null && folder.getParent() != null
                    && folder.getParent().getFileName().toString().equals(DefaultLocation.FOLDER)) {
                Path ignore = folder.getParent().resolve(".gitignore");
                if (!Files.exists(ignore)) {
                    Files.writeString(ignore, "# Tripswitch's run history and reports: not for version control\n*\n");
                }
            }
        } catch (IOException | SecurityException e) {
            throw refused(HISTORY, shown, allowed + ", but " + folder + " cannot be created (" + e + ")");
        }
        if (!Files.isWritable(folder)) {
            throw refused(HISTORY, shown, allowed + ", but " + folder + " cannot be written");
        }
    }

    /**
     * Where the run reports go: {@value #REPORTS}, else the history folder's {@code reports/}, else (a store URI) the
     * default folder's.
     */
    public Path reportsFolder(Path workingDirectory, Function<String, String> environment) {
        if (reports != null) {
            return reports;
        }
        Path base = folder != null ? folder : DefaultLocation.historyFolder(workingDirectory, environment);
        return base.resolve("reports");
    }

    /** What the history is, for messages. */
    public String describe() {
        return isOff() ? "off" : folder != null ? "folder " + folder : history.value();
    }

    // ------------------------------------------------------------------ values

    private static long number(Given g, String key, long dflt, long least, long most) {
        if (g == null || g.value().isBlank()) {
            return dflt;
        }
        try {
            long n = Long.parseLong(g.value().trim());
            if (n >= least && n <= most) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw refused(key, g, "must be a whole number from " + least + " to " + most);
    }

    private static long size(Given g) {
        if (g == null || g.value().isBlank()) {
            return DEFAULT_MAX_BYTES;
        }
        Matcher m = SIZE.matcher(g.value().trim());
        if (m.matches()) {
            try {
                long n = Long.parseLong(m.group(1));
                int shift = switch (m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT)) {
                    case "KB" -> 10;
                    case "MB" -> 20;
                    case "GB" -> 30;
                    case "TB" -> 40;
                    default -> 0;
                };
                if (n <= (MOST_BYTES >> shift) && (n << shift) >= LEAST_BYTES) {
                    return n << shift;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw refused(MAX_SIZE, g, "must be a size such as 500KB, 200MB or 2GB (B, KB, MB, GB, TB; 1024 each),"
                + " from 1MB to 1TB");
    }

    private static boolean bool(Given g, String key, boolean dflt) {
        if (g == null || g.value().isBlank()) {
            return dflt;
        }
        return switch (g.value().trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw refused(key, g, "must be true or false");
        };
    }

    /** A refusal naming the setting, the value (a password in a URI masked), where it was given and what is allowed. */
    public static IllegalArgumentException refused(String key, Given g, String why) {
        String shown = g.value().replaceAll("(://[^:/@\\s]*:)[^@\\s]*@", "$1****@");
        return new IllegalArgumentException(key + "=" + shown + " (" + g.origin() + ") is refused: " + why);
    }
}
