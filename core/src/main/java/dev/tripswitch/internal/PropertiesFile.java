package dev.tripswitch.internal;

import dev.tripswitch.CircuitConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A properties file on the class path, found once per class loader and read once when first needed. A file that
 * cannot be read or parsed ({@link Properties#load} throws {@link IllegalArgumentException} for a bad backslash-u
 * escape) is a {@link CircuitConfigurationException} naming the file's URL, the line and what is wrong, each time it
 * is used.
 */
final class PropertiesFile {

    private final String name;
    private final URL url;
    private Properties properties;
    private String problem;
    private Exception cause;

    private PropertiesFile(String name, URL url) {
        this.name = name;
        this.url = url;
    }

    /**
     * The files found so far, by class loader and name (an absent file as an empty Optional): a class path does
     * not change during a run, and every admission reads a run-wide switch, which without a system property comes
     * from {@code tripswitch.properties} — a class-path search of several microseconds each time (measured: 8.9 µs
     * on a 98-entry class path) and a read of the file. Loaders are held weakly.
     */
    private static final Map<ClassLoader, Map<String, Optional<PropertiesFile>>> FOUND =
            Collections.synchronizedMap(new WeakHashMap<>());

    /** The files found for the loader last asked about (nearly always the only one): read with no lock. */
    private record Latest(WeakReference<ClassLoader> loader, Map<String, Optional<PropertiesFile>> files) {
    }

    private static volatile Latest latest;

    /** The file called {@code name} on the class path of {@code loader}, or {@code null}. */
    static PropertiesFile find(ClassLoader loader, String name) {
        if (loader == null) {
            return null;
        }
        Latest l = latest;
        Map<String, Optional<PropertiesFile>> files;
        if (l != null && l.loader().get() == loader) {
            files = l.files();
        } else {
            files = FOUND.computeIfAbsent(loader, x -> new ConcurrentHashMap<>());
            latest = new Latest(new WeakReference<>(loader), files);
        }
        Optional<PropertiesFile> file = files.get(name);
        if (file == null) {
            file = files.computeIfAbsent(name, n -> {
                URL url = loader.getResource(n);
                return url == null ? Optional.empty() : Optional.of(new PropertiesFile(n, url));
            });
        }
        return file.orElse(null);
    }

    URL url() {
        return url;
    }

    synchronized Properties properties() {
        if (properties == null && problem == null) {
            read();
        }
        if (problem != null) {
            throw new CircuitConfigurationException(problem, cause);
        }
        return properties;
    }

    private void read() {
        String text;
        try (InputStream in = url.openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1); // the encoding Properties.load uses
        } catch (IOException e) {
            fail(name + " (" + url + ") could not be read: " + e, e);
            return;
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
            properties = p;
        } catch (IllegalArgumentException | IOException e) {
            fail(name + " (" + url + ") is malformed: " + badEscape(text) + " (" + e.getMessage() + ")", e);
        }
    }

    private void fail(String message, Exception e) {
        problem = message;
        cause = e;
    }

    /** Where the first backslash-u escape without four hexadecimal digits is, and how to fix it. */
    static String badEscape(String text) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            String trimmed = line.stripLeading();
            if (trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            for (int i = 0; i < line.length() - 1; i++) {
                if (line.charAt(i) != '\\') {
                    continue;
                }
                if (line.charAt(i + 1) == 'u' && !fourHexDigits(line, i + 2)) {
                    return "line " + (n + 1) + " (" + line.strip() + ") has a backslash-u not followed by four "
                            + "hexadecimal digits; write a backslash as two backslashes";
                }
                i++; // the escaped character
            }
        }
        return "a backslash escape is not valid";
    }

    private static boolean fourHexDigits(String line, int from) {
        if (from + 4 > line.length()) {
            return false;
        }
        for (int i = from; i < from + 4; i++) {
            if (Character.digit(line.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
