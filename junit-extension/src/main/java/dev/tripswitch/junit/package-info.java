/**
 * The JUnit Jupiter side of Tripswitch: {@link dev.tripswitch.junit.CircuitBreakerExtension} puts tests annotated
 * with {@link dev.tripswitch.CircuitProtected} under their circuit; the rest of this package is internal.
 */
package dev.tripswitch.junit;
