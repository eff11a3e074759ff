package dev.tripswitch.report.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Writes and reads run parts ({@link PartFile}): gzip-compressed JSON. A reader checks what it reads and says what
 * is wrong with a file that is not a part it can read: not gzip or not JSON (corrupted), cut short (truncated), JSON
 * that is no run part (foreign), or a part of a newer format version.
 */
public final class PartCodec {

    /** The file name ending of a part. */
    public static final String SUFFIX = ".json.gz";

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
            .configure(JsonParser.Feature.AUTO_CLOSE_SOURCE, false);
    private static final TypeReference<List<PartFile.Circuit>> CIRCUITS = new TypeReference<>() { };

    private PartCodec() {
    }

    /** The part, compressed. */
    public static byte[] write(PartFile part) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (OutputStream gzip = new GZIPOutputStream(bytes, 64 * 1024)) {
            MAPPER.writeValue(gzip, part);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // into memory: cannot happen
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a part. With {@code withTests} false, reading stops where the tests begin (the part comes back without
     * them): a summary read, for trends over many runs, that inflates only the head of each file.
     *
     * @throws DamagedPartException when {@code in} holds no part this version can read; says what is wrong
     * @throws IOException          when {@code in} cannot be read at all
     */
    public static PartFile read(InputStream in, boolean withTests) throws IOException, DamagedPartException {
        InputStream body;
        try {
            body = new GZIPInputStream(in, 64 * 1024);
        } catch (ZipException e) {
            throw new DamagedPartException(DamagedPartException.Kind.CORRUPTED, "it is not gzip-compressed (" +
                    e.getMessage() + "), so not a Tripswitch run part", e);
        } catch (EOFException e) {
            throw new DamagedPartException(DamagedPartException.Kind.TRUNCATED, "it is empty or cut short before"
                    + " its gzip header ends", e);
        }
        try (JsonParser p = MAPPER.getFactory().createParser(body)) {
            return read(p, withTests);
        } catch (JsonMappingException e) {
            if (cutShort(e)) {
                throw new DamagedPartException(DamagedPartException.Kind.TRUNCATED, "it is cut short ("
                        + firstLine(e) + ")", e);
            }
            throw new DamagedPartException(DamagedPartException.Kind.CORRUPTED, "a field does not hold what the"
                    + " format says (" + firstLine(e) + ")", e);
        } catch (JsonEOFException | EOFException e) {
            throw new DamagedPartException(DamagedPartException.Kind.TRUNCATED, "it is cut short (" + firstLine(e)
                    + ")", e);
        } catch (ZipException e) {
            throw new DamagedPartException(DamagedPartException.Kind.CORRUPTED, "its compressed data is damaged ("
                    + e.getMessage() + ")", e);
        } catch (JsonParseException e) {
            throw new DamagedPartException(DamagedPartException.Kind.CORRUPTED, "it is not valid JSON ("
                    + firstLine(e) + ")", e);
        }
    }

    /** Whether the data ended too soon somewhere down {@code e}'s causes (the mapper wraps what the stream says). */
    private static boolean cutShort(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EOFException || t instanceof JsonEOFException) {
                return true;
            }
        }
        return false;
    }

    private static PartFile read(JsonParser p, boolean withTests) throws IOException, DamagedPartException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw foreign("it is not a JSON object");
        }
        if (p.nextToken() != JsonToken.FIELD_NAME || !"format".equals(p.currentName())) {
            throw foreign("its first field is " + (p.currentToken() == JsonToken.FIELD_NAME ? "'" + p.currentName()
                    + "'" : "missing") + ", not 'format'");
        }
        p.nextToken();
        String format = p.getValueAsString();
        if (!PartFile.FORMAT.equals(format)) {
            throw foreign("its format is '" + format + "', not '" + PartFile.FORMAT + "'");
        }
        if (p.nextToken() != JsonToken.FIELD_NAME || !"version".equals(p.currentName())
                || p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new DamagedPartException(DamagedPartException.Kind.CORRUPTED, "its second field is not a whole"
                    + " 'version'", null);
        }
        int version = p.getIntValue();
        if (version > PartFile.VERSION) {
            throw new DamagedPartException(DamagedPartException.Kind.NEWER_VERSION, "it is a part of format version "
                    + version + ", written by a newer Tripswitch; this one reads versions up to " + PartFile.VERSION,
                    null);
        }
        if (version < 1) {
            throw new DamagedPartException(DamagedPartException.Kind.CORRUPTED, "its version " + version
                    + " is no version of the format (1 to " + PartFile.VERSION + ")", null);
        }
        String runId = null, partId = null, startedAt = null, endedAt = null;
        PartFile.Jvm jvm = null;
        List<PartFile.Circuit> circuits = List.of();
        List<PartFile.Test> tests = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "runId" -> runId = p.getValueAsString();
                case "partId" -> partId = p.getValueAsString();
                case "startedAt" -> startedAt = p.getValueAsString();
                case "endedAt" -> endedAt = p.getValueAsString();
                case "jvm" -> jvm = MAPPER.readValue(p, PartFile.Jvm.class);
                case "circuits" -> circuits = MAPPER.readValue(p, CIRCUITS);
                case "tests" -> {
                    if (!withTests) {
                        return part(version, runId, partId, startedAt, endedAt, jvm, circuits, List.of());
                    }
                    tests = readTests(p);
                }
                default -> p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new DamagedPartException(DamagedPartException.Kind.CORRUPTED, "it ends inside a value", null);
        }
        return part(version, runId, partId, startedAt, endedAt, jvm, circuits, tests);
    }

    private static List<PartFile.Test> readTests(JsonParser p) throws IOException, DamagedPartException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new DamagedPartException(DamagedPartException.Kind.CORRUPTED, "its 'tests' is not a list", null);
        }
        List<PartFile.Test> tests = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            tests.add(MAPPER.readValue(p, PartFile.Test.class));
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw new DamagedPartException(DamagedPartException.Kind.CORRUPTED, "its 'tests' holds something that"
                    + " is no test", null);
        }
        return tests;
    }

    private static PartFile part(int version, String runId, String partId, String startedAt, String endedAt,
                                 PartFile.Jvm jvm, List<PartFile.Circuit> circuits, List<PartFile.Test> tests)
            throws DamagedPartException {
        if (runId == null || partId == null || startedAt == null || endedAt == null) {
            throw new DamagedPartException(DamagedPartException.Kind.CORRUPTED, "it lacks "
                    + (runId == null ? "'runId'" : partId == null ? "'partId'" : startedAt == null ? "'startedAt'"
                    : "'endedAt'"), null);
        }
        return new PartFile(PartFile.FORMAT, version, runId, partId, startedAt, endedAt, jvm, circuits, tests);
    }

    private static DamagedPartException foreign(String why) {
        return new DamagedPartException(DamagedPartException.Kind.FOREIGN, why + ": not a Tripswitch run part", null);
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
