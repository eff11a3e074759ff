package dev.tripswitch.bench.aspectj;

import dev.tripswitch.CircuitProtected;

/**
 * The benchmark's API client: {@link #woven()} is under circuit {@value #CIRCUIT} through the Tripswitch aspect
 * (this file alone is compiled by ajc, see benchmarks/pom.xml); {@link #plain()} is the same work, unprotected.
 */
public class ShopClient {

    /** The circuit of {@link #woven()}; the direct benchmark uses the same one. */
    public static final String CIRCUIT = "bench-aspectj";

    private final String answer = "in stock";

    @CircuitProtected(CIRCUIT)
    public String woven() {
        return answer;
    }

    /** A second join point of the same circuit, so that a benchmark can alternate between two. */
    @CircuitProtected(CIRCUIT)
    public String wovenToo() {
        return answer;
    }

    public String plain() {
        return answer;
    }
}
